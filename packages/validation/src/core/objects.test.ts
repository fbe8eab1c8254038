import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileBody } from "../body";
import { compileResponse } from "../response";
import type { ErrorItem } from "../types";

function body(schema: v.GenericSchema, value: unknown) {
  const errors: ErrorItem[] = [];
  const out = compileBody(schema, { loc: ["body"] })(value, errors);
  return { out, locs: errors.map((e) => e.loc), types: errors.map((e) => e.type) };
}

// Object nodes are generated code with each key as a string literal: keys that are not
// identifiers, or that could break out of a literal, must behave like any other key.
const ODD_KEYS = [
  "with space",
  'quote"d',
  "back\\slash",
  "new\nline",
  "sep\u2028",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a key that looks like a placeholder
  "${template}",
  "'); throw 1; ('",
  "ключ",
  "",
  "0",
  "constructor",
  "toString",
];

describe("object nodes (generated per schema)", () => {
  it("read and write any key as a plain own property", () => {
    const schema = v.object(Object.fromEntries(ODD_KEYS.map((key) => [key, v.string()])));
    const input = Object.fromEntries(ODD_KEYS.map((key) => [key, `value of ${key}`]));
    const { out, locs } = body(schema, { ...input, extra: 1 });
    expect(locs).toEqual([]);
    expect(out).toEqual(input);
    expect(Object.keys(out as object).sort()).toEqual([...ODD_KEYS].sort());
  });

  it("report a missing or invalid odd key at its own loc", () => {
    const schema = v.object({
      'a"b': v.string(),
      "c\nd": v.number(),
      nested: v.object({ "e f": v.string() }),
    });
    const { out, locs, types } = body(schema, { "c\nd": "x", nested: {} });
    expect(out).toBeUndefined();
    expect(locs).toEqual([
      ["body", 'a"b'],
      ["body", "c\nd"],
      ["body", "nested", "e f"],
    ]);
    expect(types).toEqual(["missing", "float_parsing", "missing"]);
  });

  it("never read inherited members for keys named like Object.prototype's", () => {
    const schema = v.object({
      toString: v.optional(v.string()),
      constructor: v.optional(v.string()),
    });
    expect(body(schema, {}).out).toEqual({});
    expect(body(schema, { toString: "t" }).out).toEqual({ toString: "t" });
  });

  it("fill defaults, nulls and fallbacks, and honour the response exclude options", () => {
    const schema = v.object({
      d: v.optional(v.number(), 3),
      n: v.nullable(v.string()),
      o: v.optional(v.string()),
      f: v.fallback(v.string(), "fb"),
      k: v.optional(v.string(), "same"),
    });
    expect(body(schema, { n: null, f: 1 }).out).toEqual({ d: 3, n: null, f: "fb", k: "same" });
    const filter = (options: object, value: unknown) => compileResponse(schema, options)(value);
    expect(filter({ excludeUnset: true }, { n: "x", f: "y" })).toEqual({
      ok: true,
      value: { n: "x", f: "y" },
    });
    expect(filter({ excludeNone: true }, { n: null, f: "y" })).toEqual({
      ok: true,
      value: { d: 3, f: "y", k: "same" },
    });
    expect(filter({ excludeDefaults: true }, { d: 3, n: "x", f: "y", k: "same" })).toEqual({
      ok: true,
      value: { n: "x", f: "y" },
    });
  });

  it("keep loose, strict and rest handling of extra keys", () => {
    expect(body(v.looseObject({ a: v.string() }), { a: "x", b: 2 }).out).toEqual({ a: "x", b: 2 });
    expect(body(v.strictObject({ a: v.string() }), { a: "x", b: 2 }).locs).toEqual([["body", "b"]]);
    expect(body(v.objectWithRest({ a: v.string() }, v.number()), { a: "x", b: "no" }).locs).toEqual(
      [["body", "b"]],
    );
  });
});
