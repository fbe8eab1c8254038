import { describe, it } from "vitest";
import { expect422, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §2.3 query parameters", () => {
  const { client } = referenceClient();

  it("GET /search: required q (2..10), page 1..100, size in (0, 50.5)", async () => {
    expectJson(await client.get("/search?q=ab"), { q: "ab", page: 1, size: 10 });
    expectJson(await client.get("/search?q=hello&page=100&size=50.4"), {
      q: "hello",
      page: 100,
      size: 50.4,
    });
    expectJson(await client.get("/search?q=ab&size=1e1"), { q: "ab", page: 1, size: 10 });
    expect422(await client.get("/search"), [["query", "q"]]);
    expect422(await client.get("/search?q=a&page=0&size=0"), [
      ["query", "q"],
      ["query", "page"],
      ["query", "size"],
    ]);
    expect422(await client.get("/search?q=abcdefghijk&page=101&size=50.5"), [
      ["query", "q"],
      ["query", "page"],
      ["query", "size"],
    ]);
    expect422(await client.get("/search?q=ab&page=1.5&size=abc"), [
      ["query", "page"],
      ["query", "size"],
    ]);
    expect422(await client.get("/search?q=ab&size=1e400"), [["query", "size"]]);
  });

  it("counts lengths in code points: two emoji are length 2", async () => {
    expectJson(await client.get(`/search?q=${encodeURIComponent("😀😀")}`), {
      q: "😀😀",
      page: 1,
      size: 10,
    });
    expect422(await client.get(`/search?q=${encodeURIComponent("😀")}`), [["query", "q"]]);
  });

  it("the last value of a repeated scalar parameter wins", async () => {
    expectJson(await client.get("/search?q=first&q=second&page=2&page=3"), {
      q: "second",
      page: 3,
      size: 10,
    });
  });

  it("GET /query/optional: absent is null, present but empty is the empty string", async () => {
    expectJson(await client.get("/query/optional"), { name: null, count: null });
    expectJson(await client.get("/query/optional?name=&count=4"), { name: "", count: 4 });
    expect422(await client.get("/query/optional?count="), [["query", "count"]]);
    expect422(await client.get("/query/optional?count=x"), [["query", "count"]]);
  });

  it("GET /query/list: repeated values in order, never split on commas, + is a space", async () => {
    expectJson(await client.get("/query/list"), { tag: [], n: [], total: 0 });
    expectJson(await client.get("/query/list?tag=a&tag=b,c&tag=x+y&n=1&n=-2&n=10"), {
      tag: ["a", "b,c", "x y"],
      n: [1, -2, 10],
      total: 9,
    });
    expect422(await client.get("/query/list?n=1&n=x&n=3&n=4.5"), [
      ["query", "n", 1],
      ["query", "n", 3],
    ]);
  });

  it("GET /query/bool: case-insensitive words, anything else invalid", async () => {
    for (const word of ["1", "on", "t", "true", "y", "yes", "TRUE", "Yes", "oN"]) {
      expectJson(await client.get(`/query/bool?flag=${word}`), { flag: true, strict: null });
    }
    for (const word of ["0", "off", "f", "false", "n", "no", "FALSE", "No"]) {
      expectJson(await client.get(`/query/bool?flag=1&strict=${word}`), {
        flag: true,
        strict: false,
      });
    }
    expectJson(await client.get("/query/bool"), { flag: false, strict: null });
    expect422(await client.get("/query/bool?flag=&strict=maybe"), [
      ["query", "flag"],
      ["query", "strict"],
    ]);
    expect422(await client.get("/query/bool?flag=2"), [["query", "flag"]]);
  });

  it("GET /query/pattern: a fully anchored pattern", async () => {
    expectJson(await client.get("/query/pattern?code=ABC-12"), { code: "ABC-12" });
    for (const bad of ["abc-12", "ABC-123", "XABC-12", "ABC-1", ""]) {
      expect422(await client.get(`/query/pattern?code=${bad}`), [["query", "code"]]);
    }
    expect422(await client.get("/query/pattern"), [["query", "code"]]);
  });

  it("GET /query/alias: only the alias is read, and errors use it", async () => {
    expectJson(await client.get("/query/alias?item-query=foo"), { item_query: "foo", limit: 5 });
    expectJson(await client.get("/query/alias?item-query=foo&max=9"), {
      item_query: "foo",
      limit: 9,
    });
    expect422(await client.get("/query/alias?item_query=foo&limit=3"), [["query", "item-query"]]);
    expect422(await client.get("/query/alias?item-query=x&max=many"), [["query", "max"]]);
  });

  it("GET /request-info: every query pair, repeats included, sorted by key then value", async () => {
    expectJson(await client.get("/request-info?b=2&a=z&a=y&c&%C3%A9=1&b=1"), {
      method: "GET",
      path: "/request-info",
      query: [
        ["a", "y"],
        ["a", "z"],
        ["b", "1"],
        ["b", "2"],
        ["c", ""],
        ["é", "1"],
      ],
    });
    expectJson(await client.get("/request-info"), {
      method: "GET",
      path: "/request-info",
      query: [],
    });
  });
});
