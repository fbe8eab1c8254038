import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { absentPolicy, acceptsNull, expectation, unwrap, view } from "./introspect";

const policy = (schema: v.GenericSchema) => {
  const p = absentPolicy(view(schema));
  return p.kind === "value" ? `value:${p.value}` : p.kind;
};

describe("absentPolicy", () => {
  it.each([
    ["string", v.string(), "required"],
    ["optional", v.optional(v.string()), "value:undefined"],
    ["exact_optional", v.exactOptional(v.string()), "value:undefined"],
    ["undefinedable", v.undefinedable(v.string()), "value:undefined"],
    ["nullish", v.nullish(v.string()), "value:null"],
    ["nullable", v.nullable(v.string()), "required"],
    ["optional with default", v.optional(v.string(), "x"), "default"],
    ["nullable with default", v.nullable(v.string(), "x"), "default"],
    ["nullable(optional)", v.nullable(v.optional(v.string())), "value:undefined"],
    ["pipe(optional with default)", v.pipe(v.optional(v.string(), "x"), v.minLength(1)), "default"],
    ["non_optional", v.nonOptional(v.optional(v.string())), "required"],
    ["non_nullish", v.nonNullish(v.nullish(v.string())), "required"],
    ["non_nullable(optional)", v.nonNullable(v.optional(v.string())), "value:undefined"],
    ["fallback", v.fallback(v.string(), "f"), "fallback"],
  ] as const)("%s → %s", (_label, schema, expected) => {
    expect(policy(schema)).toBe(expected);
  });
});

describe("acceptsNull", () => {
  it.each([
    [v.nullable(v.string()), true],
    [v.nullish(v.string()), true],
    [v.optional(v.nullable(v.string())), true],
    [v.null(), true],
    [v.any(), true],
    [v.unknown(), true],
    [v.string(), false],
    [v.optional(v.string()), false],
    [v.nonNullable(v.nullable(v.string())), false],
  ])("%#", (schema, expected) => {
    expect(acceptsNull(view(schema))).toBe(expected);
  });
});

describe("expectation (wording of a failed union)", () => {
  it.each([
    [v.string(), "a valid string"],
    [v.number(), "a valid number"],
    [v.pipe(v.number(), v.integer()), "a valid integer"],
    [v.optional(v.pipe(v.number(), v.safeInteger())), "a valid integer"],
    [v.bigint(), "a valid integer"],
    [v.boolean(), "a valid boolean"],
    [v.date(), "a valid date or datetime"],
    [v.null(), "None"],
    [v.literal(3), "3"],
    [v.picklist(["a", "b"]), "'a' or 'b'"],
    [v.enum({ A: "a" }), "'a'"],
    [v.array(v.string()), "a valid list"],
    [v.tuple([]), "a valid tuple"],
    [v.record(v.string(), v.string()), "a valid dictionary"],
    [v.object({}), "a valid dictionary or object"],
    [v.variant("k", []), "a valid dictionary or object"],
    [v.instance(Date), "of type Date"],
    [v.custom(() => true), "of type unknown"],
  ])("case %#", (schema, phrase) => {
    expect(expectation(view(schema))).toBe(phrase);
  });

  it("falls back to 'valid' without valibot's expects", () => {
    expect(expectation({ ...view(v.any()), type: "mystery", expects: null })).toBe("valid");
  });
});

describe("unwrap", () => {
  it("strips pipes and wrappers", () => {
    expect(
      unwrap(view(v.optional(v.nullable(v.pipe(v.array(v.string()), v.minLength(1)))))).type,
    ).toBe("array");
  });
});
