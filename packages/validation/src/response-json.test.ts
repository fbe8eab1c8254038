import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileResponse, type ResponseOptions } from "./response";

/** The compiled writer must give JSON.stringify's exact text for the filtered value. */
function expectSameJson(schema: v.GenericSchema, input: unknown, options: ResponseOptions = {}) {
  const result = compileResponse(schema, { ...options, json: true })(input);
  if (!result.ok) throw new Error(`filter refused ${JSON.stringify(result.errors)}`);
  expect(result.json).toBe(JSON.stringify(result.value) ?? "null");
  return result.json;
}

const STRINGS = [
  "",
  "plain",
  'quote " and backslash \\',
  "tab\tnew\nline\r",
  "\u0000\u001f\u007f",
  "é ü ß ✓",
  "emoji 𝄞 😀",
  "lone \ud800 high",
  "lone \udc00 low",
  "line sep \u2028 \u2029",
  "</script>",
];

describe("compileResponse({ json: true }): the compiled JSON writer", () => {
  it("writes strings exactly as JSON.stringify does", () => {
    const schema = v.object({ s: v.string(), list: v.array(v.string()) });
    for (const s of STRINGS) expectSameJson(schema, { s, list: [s, s] });
  });

  it("writes numbers and booleans exactly, Infinity as null", () => {
    const schema = v.object({ n: v.number(), b: v.boolean(), i: v.pipe(v.number(), v.integer()) });
    for (const n of [0, -0, 1.5, -2e-7, 1e21, 123456789012345, Infinity, -Infinity]) {
      expectSameJson(schema, { n, b: n > 0, i: 7 });
    }
  });

  it("skips absent optional keys, writes null for nullable and nullish", () => {
    const schema = v.object({
      a: v.optional(v.string()),
      b: v.nullable(v.number()),
      c: v.nullish(v.string()),
      d: v.optional(v.number(), 5),
      e: v.exactOptional(v.string()),
      f: v.undefinedable(v.boolean()),
    });
    expect(expectSameJson(schema, { b: null })).toBe('{"b":null,"c":null,"d":5}');
    expectSameJson(schema, { a: "x", b: 1, c: "y", d: 2, e: "z", f: true });
    expectSameJson(schema, { a: undefined, b: 1, c: undefined, f: undefined });
  });

  it("honours the exclude options (keys the filter leaves out are not written)", () => {
    const schema = v.object({ a: v.optional(v.string(), "dflt"), b: v.nullable(v.string()) });
    expect(expectSameJson(schema, { b: null }, { excludeNone: true })).toBe('{"a":"dflt"}');
    expect(expectSameJson(schema, { b: "x" }, { excludeUnset: true })).toBe('{"b":"x"}');
    expect(expectSameJson(schema, { a: "dflt", b: "x" }, { excludeDefaults: true })).toBe(
      '{"b":"x"}',
    );
  });

  it("nests objects and arrays, empty ones included", () => {
    const Item = v.object({ id: v.number(), tags: v.array(v.string()) });
    const schema = v.object({ items: v.array(Item), one: Item, none: v.array(Item) });
    expectSameJson(schema, {
      items: [
        { id: 1, tags: ["a", "b"], secret: 1 },
        { id: 2, tags: [] },
      ],
      one: { id: 3, tags: ["c"] },
      none: [],
      secret: "s",
    });
    expectSameJson(v.array(Item), [{ id: 1, tags: [] }]);
    expectSameJson(v.array(v.optional(v.string())), ["a", undefined, "b"]);
  });

  it("keeps JSON.stringify's key order and own-property reads for unusual keys", () => {
    expectSameJson(v.object({ b: v.string(), 2: v.string(), a: v.string(), 1: v.string() }), {
      a: "a",
      b: "b",
      1: "1",
      2: "2",
    });
    const proto = v.object({
      toString: v.optional(v.string()),
      constructor: v.optional(v.number()),
    });
    expect(expectSameJson(proto, {})).toBe("{}");
    expectSameJson(proto, { toString: "t", constructor: 1 });
    const dunder = v.object({ ["__proto__"]: v.optional(v.string()), x: v.string() });
    expectSameJson(dunder, JSON.parse('{"__proto__":"p","x":"x"}'));
  });

  // Dates are written as pydantic writes them, not as JSON.stringify does (temporal/schemas.test.ts).
  it("leaves open shapes to JSON.stringify: unions, records, transforms, loose objects", () => {
    const schema = v.object({
      either: v.union([v.string(), v.object({ id: v.number() })]),
      map: v.record(v.string(), v.number()),
      shout: v.pipe(
        v.string(),
        v.transform((s) => ({ loud: s.toUpperCase() })),
      ),
      loose: v.looseObject({ k: v.string() }),
      pick: v.picklist(["a", "b"]),
      lit: v.literal(3),
      any: v.any(),
      big: v.optional(v.bigint()),
      fb: v.fallback(v.string(), "fallback"),
    });
    expectSameJson(schema, {
      either: { id: 1, extra: 2 },
      map: { x: 1, y: 2 },
      shout: "hi",
      loose: { k: "k", extra: [1, { deep: true }] },
      pick: "a",
      lit: 3,
      any: { nested: ["x", null] },
      fb: 42,
    });
  });

  it("writes a top-level scalar or null value", () => {
    expect(expectSameJson(v.string(), 'a"b')).toBe('"a\\"b"');
    expect(expectSameJson(v.nullable(v.number()), null)).toBe("null");
    expect(expectSameJson(v.optional(v.number()), undefined)).toBe("null");
    expect(expectSameJson(v.pipe(v.string(), v.minLength(1), v.description("d")), "x")).toBe('"x"');
  });

  it("is only computed when asked for", () => {
    const result = compileResponse(v.object({ a: v.string() }))({ a: "x" });
    expect(result).toEqual({ ok: true, value: { a: "x" } });
  });
});
