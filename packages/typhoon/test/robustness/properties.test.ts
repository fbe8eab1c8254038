/**
 * Property-based bad input against the served app (fast-check, seeded, bounded runs): query
 * coercion agrees with an oracle of apps/reference/SPEC.md §1.8's rules, query parsing keeps
 * every value in order, any JSON body is a 2xx or a 422 (never a 500, never a polluted
 * prototype), and no path under /static ever reaches the secret beside it.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_TEXT } from "./app";
import {
  call,
  expectStillServing,
  postJson,
  type Served,
  sendRaw,
  startSharedApp,
  stopApp,
} from "./harness";

const RUNS = { numRuns: 50, seed: 8_675_309 };
const enc = encodeURIComponent;

let served: Served;
beforeAll(async () => {
  served = await startSharedApp();
});
afterAll(async () => {
  await expectStillServing(served);
  expect(served.logs.filter((line) => line.level === "error")).toEqual([]);
  await stopApp(served);
});

/** Strings that look almost like numbers and booleans. */
const numberish = fc
  .array(
    fc.constantFrom(
      ..."0123456789+-.eExXabn ".split(""),
      "NaN",
      "Infinity",
      "inf",
      "true",
      "on",
      "1e999",
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(""));

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE = ["1", "on", "t", "true", "y", "yes"];
const FALSE = ["0", "off", "f", "false", "n", "no"];

describe("property: query coercion follows the rules, value by value", () => {
  it("page (int 1..1000): 200 with Number(s) exactly when s is an in-range integer string", async () => {
    await fc.assert(
      fc.asyncProperty(numberish, async (s) => {
        const answer = await call(served, "GET", `/search?page=${enc(s)}`);
        const n = Number(s);
        const valid = INT.test(s) && n >= 1 && n <= 1000;
        expect(answer.status, `page=${JSON.stringify(s)}: ${answer.text}`).toBe(valid ? 200 : 422);
        if (valid) expect(answer.json().page).toBe(n);
        else
          expect(answer.json().detail.map((e: { loc: unknown }) => e.loc)).toEqual([
            ["query", "page"],
          ]);
      }),
      RUNS,
    );
  });

  it("price (float 0..1e6): 200 exactly when s is a decimal or exponent number in range", async () => {
    await fc.assert(
      fc.asyncProperty(numberish, async (s) => {
        const answer = await call(served, "GET", `/search?price=${enc(s)}`);
        const n = Number(s);
        const valid = FLOAT.test(s) && n >= 0 && n <= 1_000_000;
        expect(answer.status, `price=${JSON.stringify(s)}`).toBe(valid ? 200 : 422);
        if (valid) expect(answer.json().price).toBe(n);
      }),
      RUNS,
    );
  });

  it("flag (bool): only the six true and six false words, any case", async () => {
    const words = fc.oneof(
      numberish,
      fc.constantFrom(...TRUE, ...FALSE, "TRUE", "Yes", "oN", "No", "yes!"),
    );
    await fc.assert(
      fc.asyncProperty(words, async (s) => {
        const answer = await call(served, "GET", `/search?flag=${enc(s)}`);
        const lower = s.toLowerCase();
        const expected = TRUE.includes(lower) ? true : FALSE.includes(lower) ? false : undefined;
        expect(answer.status, `flag=${JSON.stringify(s)}`).toBe(expected === undefined ? 422 : 200);
        if (expected !== undefined) expect(answer.json().flag).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe("property: query parsing", () => {
  it("every tags value arrives decoded, in order; the last q wins", async () => {
    const value = fc.string({ unit: "grapheme", maxLength: 12 });
    const pair = fc.tuple(fc.constantFrom("tags", "q", "other", "tags[]", "TAGS"), value);
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 12 }), async (pairs) => {
        const query = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
        const answer = await call(served, "GET", `/search?${query}`);
        const qs = pairs.filter(([k]) => k === "q").map(([, v]) => v);
        const lastQ = qs.at(-1);
        if (lastQ !== undefined && [...lastQ].length > 50) {
          expect(answer.status).toBe(422);
          return;
        }
        expect(answer.status, answer.text).toBe(200);
        expect(answer.json().tags).toEqual(pairs.filter(([k]) => k === "tags").map(([, v]) => v));
        expect(answer.json().q).toBe(lastQ);
      }),
      RUNS,
    );
  });

  it("a raw query string of any characters is a 200 or a 422, never a 500", async () => {
    const raw = fc
      .array(
        fc.constantFrom(
          ..."=&%+;#?/:[]{}\"'<>\\|^`~".split(""),
          "%zz",
          "%00",
          "%c3%28",
          "tags",
          "page",
          "é",
          "a",
        ),
        {
          maxLength: 30,
        },
      )
      .map((parts) => parts.join(""));
    await fc.assert(
      fc.asyncProperty(raw, async (query) => {
        const [response] = await sendRaw(
          served.port,
          Buffer.from(
            `GET /search?${query} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
            "utf8",
          ),
        );
        expect([200, 400, 422]).toContain(response?.status);
      }),
      RUNS,
    );
  });
});

describe("property: JSON bodies", () => {
  it("any JSON value is measured (200): parsing never fails on valid JSON", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const answer = await postJson(served, "/measure", JSON.stringify(value));
        expect(answer.status, answer.text).toBe(200);
        const type = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
        expect(answer.json().type).toBe(type);
      }),
      RUNS,
    );
  });

  it("any object for the Item model is a 201 or a 422 at body locations, never a 500", async () => {
    const key = fc.constantFrom(
      "name",
      "price",
      "quantity",
      "tags",
      "__proto__",
      "constructor",
      "prototype",
      "x",
    );
    const body = fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const answer = await postJson(served, "/items", JSON.stringify(value));
        expect([201, 422]).toContain(answer.status);
        if (answer.status === 422) {
          for (const error of answer.json().detail) expect(error.loc[0]).toBe("body");
        } else {
          expect(answer.json().item.name).toBe(value.name);
        }
        expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("prototype-shaped documents never pollute, whatever route receives them", async () => {
    const protoKey = fc.constantFrom("__proto__", "constructor", "prototype", "polluted", "theme");
    const doc = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(1, "yes", true, null),
        fc.dictionary(protoKey, tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(
        doc,
        fc.constantFrom("/items", "/prices", "/settings", "/measure"),
        async (value, path) => {
          const answer = await postJson(served, path, JSON.stringify(value));
          expect(answer.status).toBeLessThan(500);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      RUNS,
    );
  });
});

describe("property: static paths", () => {
  it("no combination of dots, slashes and escapes under /static reaches the secret", async () => {
    const piece = fc.constantFrom(
      "..",
      ".",
      "/",
      "%2e",
      "%2E",
      "%2f",
      "%5c",
      "\\",
      "%252e",
      "%252f",
      "%00",
      "%c0%ae",
      "secret.txt",
      "hello.txt",
      "sub",
      "inner.txt",
      "//",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 10 }), async (pieces) => {
        const target = `/static/${pieces.join("")}`;
        const [response] = await sendRaw(
          served.port,
          Buffer.from(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, "latin1"),
        );
        expect(response).toBeDefined();
        expect(response!.body.toString("latin1")).not.toContain(SECRET_TEXT);
        expect([200, 307, 400, 404]).toContain(response!.status);
      }),
      { ...RUNS, numRuns: 80 },
    );
  });
});
