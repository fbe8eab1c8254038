/**
 * Query strings that try to slip past coercion: NaN, Infinity, 1e999, hex, padded numbers,
 * empty values, repeated keys where one is expected (and one where many are), thousands of
 * repetitions. Each is a precise 422 (FastAPI's rules, apps/reference/SPEC.md §1.8) or a
 * defined value.
 */
import { describe, expect, it } from "vitest";
import {
  call,
  expectJsonClientError,
  expectNoErrors,
  expectStillServing,
  startApp,
  validationLocs,
} from "./harness";

const enc = encodeURIComponent;

describe("numbers from strings", () => {
  const intCases = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "1e2",
    "0x10",
    "0b1",
    "0o7",
    " 5",
    "5 ",
    "5.0",
    "1_000",
    "",
    "+",
    "-",
    "٣",
    "５",
    "99999999999999999999",
  ];
  it.each(intCases)("page=%j is not an integer: 422 at [query, page]", async (value) => {
    const served = await startApp();
    const answer = await call(served, "GET", `/search?page=${enc(value)}`);
    expect(validationLocs(answer)).toEqual([["query", "page"]]);
    expect(answer.json().detail[0].input).toBe(value);
  });

  const floatCases = [
    "NaN",
    "nan",
    "Infinity",
    "inf",
    "0x10",
    " 7",
    "7 ",
    "",
    "1,5",
    "1e",
    ".",
    "--1",
  ];
  it.each(floatCases)("price=%j is not a float: 422 at [query, price]", async (value) => {
    const served = await startApp();
    expect(validationLocs(await call(served, "GET", `/search?price=${enc(value)}`))).toEqual([
      ["query", "price"],
    ]);
  });

  it("1e999 overflows to Infinity and fails the upper bound; -0 and 1e2 are numbers", async () => {
    const served = await startApp();
    const over = await call(served, "GET", "/search?price=1e999");
    expect(validationLocs(over)).toEqual([["query", "price"]]);
    expect(over.json().detail[0].type).toBe("less_than_equal");
    const ok = await call(served, "GET", "/search?price=1e2&page=%2B7");
    expect(ok.json()).toMatchObject({ price: 100, page: 7 });
    expect((await call(served, "GET", "/search?price=-0")).status).toBe(200);
  });

  it("every bad parameter is reported at once", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/search?page=x&price=y&flag=z&ids=1&ids=w");
    expect(validationLocs(answer)).toEqual([
      ["query", "page"],
      ["query", "price"],
      ["query", "flag"],
      ["query", "ids", 1],
    ]);
    expectNoErrors(served);
  });
});

describe("booleans and strings", () => {
  it.each(["maybe", "", "2", "tru", "yes please", "null", "undefined", " true"])(
    "flag=%j → 422",
    async (value) => {
      const served = await startApp();
      expect(validationLocs(await call(served, "GET", `/search?flag=${enc(value)}`))).toEqual([
        ["query", "flag"],
      ]);
    },
  );

  it("a string over its max length → 422; control characters and NUL are just characters", async () => {
    const served = await startApp();
    expect(validationLocs(await call(served, "GET", `/search?q=${"a".repeat(51)}`))).toEqual([
      ["query", "q"],
    ]);
    const odd = "a\u0000b\r\nc\u202e";
    const answer = await call(served, "GET", `/search?q=${enc(odd)}`);
    expect(answer.status).toBe(200);
    expect(answer.json().q).toBe(odd);
  });
});

describe("arrays where scalars are expected, and the reverse", () => {
  it("a repeated scalar: the last value wins", async () => {
    const served = await startApp();
    expect((await call(served, "GET", "/search?page=1&page=2&page=3")).json().page).toBe(3);
    // ...and an invalid earlier value does not matter, only the last one is validated.
    expect((await call(served, "GET", "/search?page=x&page=4")).json().page).toBe(4);
    expect(validationLocs(await call(served, "GET", "/search?page=4&page=x"))).toEqual([
      ["query", "page"],
    ]);
  });

  it("a single value for a list is a one-element list, never split on commas", async () => {
    const served = await startApp();
    expect((await call(served, "GET", "/search?tags=a,b")).json().tags).toEqual(["a,b"]);
    expect((await call(served, "GET", "/search?ids=5")).json().ids).toEqual([5]);
  });

  it("bracket and dotted keys are not arrays or objects", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/search?tags[]=a&tags[0]=b&page[x]=1&page.x=2");
    expect(answer.json()).toMatchObject({ tags: [], page: 1 });
  });
});

describe("enormous query strings", () => {
  // The default 16 KiB head holds ~2 000 short pairs; a server that allows more gets more.
  const bigHeads = { limits: { maxHeaderSize: 256 * 1024 } };

  it("20 000 repetitions of a list key are collected in order", async () => {
    const served = await startApp(bigHeads);
    const query = Array.from({ length: 20_000 }, (_, i) => `ids=${i}`).join("&");
    const answer = await call(served, "GET", `/search?${query}`);
    expect(answer.status).toBe(200);
    expect(answer.json().ids).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
  });

  it("20 000 repetitions of a scalar key: the last one wins", async () => {
    const served = await startApp(bigHeads);
    const query = Array.from({ length: 20_000 }, (_, i) => `page=${(i % 900) + 1}`).join("&");
    expect((await call(served, "GET", `/search?${query}`)).json().page).toBe((19_999 % 900) + 1);
  });

  it("a query string past the header limit → 431 from the server, before the app", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", `/search?${"tags=a&".repeat(5000)}`);
    expectJsonClientError(answer, 431);
    await expectStillServing(served);
  });

  it("broken percent-escapes are kept as sent, not a crash", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/search?q=%zz%E0%A4%&tags=%C3%28&tags=%");
    expect(answer.status).toBe(200);
    expect(answer.json().q).toBe("%zz%E0%A4%");
  });
});
