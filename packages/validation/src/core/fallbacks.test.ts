import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileBody } from "../body";
import type { ErrorItem } from "../types";

// Minimal counterexamples the property test against valibot (test/engine-parity.test.ts)
// found; each answer is valibot's own.
function body(schema: v.GenericSchema, value: unknown) {
  const errors: ErrorItem[] = [];
  const out = compileBody(schema, { loc: ["body"] })(value, errors);
  return { out, errors };
}

describe("v.fallback, as valibot answers it", () => {
  it("gives the fallback for a kind without a node of its own (it used to answer undefined)", () => {
    const schema = v.fallback(v.undefined(), false as never);
    expect(v.parse(schema, null)).toBe(false);
    expect(body(schema, null)).toEqual({ out: false, errors: [] });
    expect(body(v.object({ a: schema }), { a: 1 })).toEqual({ out: { a: false }, errors: [] });
  });

  it("fills a missing tuple item (it used to be dropped)", () => {
    const schema = v.tuple([v.string(), v.fallback(v.number(), 0)]);
    expect(v.parse(schema, ["a"])).toEqual(["a", 0]);
    expect(body(schema, ["a"])).toEqual({ out: ["a", 0], errors: [] });
  });

  it("gives a missing key the default of the optional under it first (it used to give the fallback)", () => {
    const schema = v.object({ a: v.fallback(v.optional(v.string(), "default"), "fallback") });
    expect(v.parse(schema, {})).toEqual({ a: "default" });
    expect(body(schema, {})).toEqual({ out: { a: "default" }, errors: [] });
    expect(body(schema, { a: 1 })).toEqual({ out: { a: "fallback" }, errors: [] });
  });
});
