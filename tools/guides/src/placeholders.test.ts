import { describe, expect, it } from "vitest";
import { matchJson, matchText, substitute } from "./placeholders";

describe("matchText", () => {
  it("matches literal text exactly", () => {
    expect(matchText("a.b*c", "a.b*c", new Map())).toEqual(new Map());
    expect(matchText("a.b", "axb", new Map())).toBeNull();
  });

  it("captures each placeholder, and a repeated one must repeat", () => {
    expect(matchText("Bearer {{token}} ({{kind}})", "Bearer abc (jwt)", new Map())).toEqual(
      new Map([
        ["token", "abc"],
        ["kind", "jwt"],
      ]),
    );
    expect(matchText("{{x}}-{{x}}", "ab-ab", new Map())).toEqual(new Map([["x", "ab"]]));
    expect(matchText("{{x}}-{{x}}", "ab-cd", new Map())).toBeNull();
  });

  it("matches a bound name only with its value", () => {
    const bindings = new Map([["token", "abc"]]);
    expect(matchText("Bearer {{token}}", "Bearer abc", bindings)).toEqual(new Map());
    expect(matchText("Bearer {{token}}", "Bearer xyz", bindings)).toBeNull();
  });
});

describe("substitute", () => {
  it("fills in bound names and refuses unbound ones", () => {
    expect(substitute("Bearer {{ token }}", new Map([["token", "abc"]]))).toBe("Bearer abc");
    expect(() => substitute("{{nope}}", new Map())).toThrow(/\{\{nope\}\} is used before/);
  });
});

describe("matchJson", () => {
  it("accepts equal values and reports each difference with its path", () => {
    expect(matchJson({ a: [1, { b: null }] }, { a: [1, { b: null }] }, new Map())).toEqual([]);
    expect(matchJson({ a: [1, 2], c: "x" }, { a: [1, 3], c: 4 }, new Map())).toEqual([
      "body.a[1]: expected 2, got 3",
      'body.c: expected "x", got 4',
    ]);
  });

  it("requires the same keys in the same order, and the same array lengths", () => {
    expect(matchJson({ a: 1, b: 2 }, { b: 2, a: 1 }, new Map())[0]).toMatch(
      /expected keys \[a,b\]/,
    );
    expect(matchJson([1], [1, 2], new Map())[0]).toMatch(/expected 1 items, got 2/);
    expect(matchJson({}, [], new Map())[0]).toMatch(/expected \{\}, got \[\]/);
  });

  it("binds whole-string placeholders to any value, only when everything matched", () => {
    const bindings = new Map<string, string>();
    expect(matchJson({ token: "{{t}}", n: 1 }, { token: "abc", n: 2 }, bindings)).toHaveLength(1);
    expect(bindings.size).toBe(0);
    expect(matchJson({ token: "{{t}}", at: "{{at}}" }, { token: "abc", at: 12 }, bindings)).toEqual(
      [],
    );
    expect(bindings).toEqual(
      new Map([
        ["t", "abc"],
        ["at", "12"],
      ]),
    );
    expect(matchJson({ again: "{{t}}" }, { again: "other" }, bindings)[0]).toMatch(/\{\{t\}\}/);
  });

  it("matches strings that mix text and placeholders", () => {
    const bindings = new Map<string, string>();
    expect(matchJson({ msg: "Hello {{who}}!" }, { msg: "Hello ann!" }, bindings)).toEqual([]);
    expect(bindings.get("who")).toBe("ann");
    expect(matchJson({ msg: "Hi {{x}}" }, { msg: 3 }, bindings)).toHaveLength(1);
  });
});
