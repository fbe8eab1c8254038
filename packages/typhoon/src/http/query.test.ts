import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QueryParams } from "./query";

/** `get` after the full parse (the map), to compare with the lazy scan. */
function parsedGet(query: string, key: string): string | undefined {
  const params = new QueryParams(query);
  params.has(key);
  return params.get(key);
}

describe("QueryParams", () => {
  it.each([
    ["q=hello", "q", "hello"],
    ["q=1&q=2", "q", "2"],
    ["a=1&q", "q", ""],
    ["q=", "q", ""],
    ["q=a=b", "q", "a=b"],
    ["&&q=1&&", "q", "1"],
    ["qq=1&q=2", "q", "2"],
    ["q=2&qq=1", "q", "2"],
    ["%71=enc", "q", "enc"],
    ["a+b=space", "a b", "space"],
    ["a%20b=1&a+b=2", "a b", "2"],
    ["x=%E2%9C%93", "x", "✓"],
    ["x=%E2%9C", "x", "%E2%9C"],
    ["x=a+b", "x", "a b"],
    ["q=1", "Q", undefined],
    ["", "q", undefined],
    ["=v", "", "v"],
  ])("%s: get(%s) is %s, scanned or parsed", (query, key, expected) => {
    expect(new QueryParams(query).get(key)).toBe(expected);
    expect(parsedGet(query, key)).toBe(expected);
  });

  it("keeps every value and pair in order", () => {
    const params = new QueryParams("a=1&b=2&a=3&c");
    expect(params.getAll("a")).toEqual(["1", "3"]);
    expect(params.get("a")).toBe("3");
    expect([...params.keys()]).toEqual(["a", "b", "c"]);
    expect([...params]).toEqual([
      ["a", "1"],
      ["b", "2"],
      ["a", "3"],
      ["c", ""],
    ]);
    expect(params.has("c")).toBe(true);
    expect(params.getAll("zzz")).toEqual([]);
  });

  it("the scan agrees with the full parse on any query string", () => {
    const char = fc.constantFrom("a", "b", "=", "&", "%", "2", "0", "6", "1", "+", " ", "é");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), fc.array(char, { maxLength: 3 }), (q, k) => {
        const query = q.join("");
        const key = k.join("");
        expect(new QueryParams(query).get(key)).toBe(parsedGet(query, key));
      }),
      { numRuns: 2000 },
    );
  });
});
