import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFormComponent, queryPairs, queryValue, queryValues } from "./query";

/** The last value of `key` by way of the full parse, to compare with the scan. */
function lastOfPairs(query: string, key: string): string | undefined {
  const values = queryValues(query, key);
  return values.length === 0 ? undefined : values[values.length - 1];
}

describe("queryValue", () => {
  it.each([
    ["q=hello", "q", "hello"],
    ["q=1&q=2", "q", "2"],
    ["a=1&q", "q", ""],
    ["q", "q", ""],
    ["q=", "q", ""],
    ["q=a=b", "q", "a=b"],
    ["&&q=1&&", "q", "1"],
    ["qq=1&q=2", "q", "2"],
    ["q=2&qq=1", "q", "2"],
    ["%71=enc", "q", "enc"],
    ["a+b=space", "a b", "space"],
    ["my+key=a+b", "my key", "a b"],
    ["a%20b=1&a+b=2", "a b", "2"],
    ["x=%E2%9C%93", "x", "✓"],
    ["k=%F0%9F%94%91", "k", "🔑"],
    ["x=%E2%9C", "x", "%E2%9C"],
    ["q=1", "Q", undefined],
    ["", "q", undefined],
    ["=v", "", "v"],
    ["=x&k=2", "k", "2"],
  ])("%j: the value of %j is %j, scanned or parsed", (query, key, expected) => {
    expect(queryValue(query, key)).toBe(expected);
    expect(lastOfPairs(query, key)).toBe(expected);
  });

  it("reads a long query in one pass", () => {
    expect(queryValue(`${"x&".repeat(50_000)}k=last`, "k")).toBe("last");
  });

  it("agrees with the full parse on any query string", () => {
    const char = fc.constantFrom("a", "b", "=", "&", "%", "2", "0", "6", "1", "+", " ", "é");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), fc.array(char, { maxLength: 3 }), (q, k) => {
        const query = q.join("");
        const key = k.join("");
        expect(queryValue(query, key)).toBe(lastOfPairs(query, key));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("queryPairs and queryValues", () => {
  it("keep every pair and value in order", () => {
    expect(queryPairs("a=1&b=2&a=3&c&&")).toEqual([
      ["a", "1"],
      ["b", "2"],
      ["a", "3"],
      ["c", ""],
    ]);
    expect(queryValues("a=1&b=2&a=3", "a")).toEqual(["1", "3"]);
    expect(queryValues("a=1", "z")).toEqual([]);
    expect(queryPairs("")).toEqual([]);
  });
});

describe("decodeFormComponent", () => {
  it("turns `+` into a space but keeps an encoded plus", () => {
    expect(decodeFormComponent("a+b%2Bc")).toBe("a b+c");
    expect(decodeFormComponent("%zz+")).toBe("%zz ");
  });
});
