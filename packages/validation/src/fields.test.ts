import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileField, compileModelFields } from "./fields";
import type { ErrorItem } from "./types";

const int = () => v.pipe(v.number(), v.integer());

function run(
  schema: v.GenericSchema,
  raw: string | string[] | undefined,
  options: { emptyIsMissing?: boolean } = {},
) {
  const errors: ErrorItem[] = [];
  const value = compileField(schema, { loc: ["query", "x"], ...options })(raw, errors);
  return { value, errors };
}

type Row = [label: string, schema: () => v.GenericSchema, raw: string, expected: unknown];

// apps/reference/SPEC.md §1.8, one row per rule: `expected` is the parsed value, or an error
// type string prefixed with "!" when the value must be rejected.
const table: Row[] = [
  ["int: decimal", int, "5", 5],
  ["int: negative", int, "-3", -3],
  ["int: plus sign", int, "+7", 7],
  ["int: fraction is not truncated", int, "5.5", "!int_parsing"],
  ["int: letters", int, "abc", "!int_parsing"],
  ["int: non-ASCII digit-like", int, "✓", "!int_parsing"],
  ["int: empty", int, "", "!int_parsing"],
  ["int: leading space", int, " 5", "!int_parsing"],
  ["int: hex", int, "0x10", "!int_parsing"],
  ["int: exponent", int, "1e3", "!int_parsing"],
  // Past 2^53 - 1 a number cannot hold the integer sent: refused, never silently rounded.
  ["int: huge is refused, not rounded", int, "99999999999999999999", "!int_parsing_size"],
  ["int: 2^53 + 1 is refused", int, "9007199254740993", "!int_parsing_size"],
  ["int: the largest safe integer parses", int, "9007199254740991", 9007199254740991],
  [
    "int: huge with bounds is still a 422 at the same loc",
    () => v.pipe(v.number(), v.integer(), v.maxValue(1000)),
    "99999999999999999999",
    "!int_parsing_size",
  ],
  ["float: decimal", v.number, "2.5", 2.5],
  ["float: zero", v.number, "0", 0],
  ["float: exponent", v.number, "1e3", 1000],
  ["float: leading dot", v.number, ".5", 0.5],
  ["float: trailing dot", v.number, "5.", 5],
  ["float: overflow to Infinity", v.number, "1e400", Number.POSITIVE_INFINITY],
  ["float: overflow fails bound", () => v.pipe(v.number(), v.ltValue(50.5)), "1e400", "!less_than"],
  ["float: letters", v.number, "abc", "!float_parsing"],
  ["float: empty", v.number, "", "!float_parsing"],
  ["float: hex", v.number, "0x10", "!float_parsing"],
  ["float: space", v.number, " 5", "!float_parsing"],
  ["float: inf word", v.number, "inf", "!float_parsing"],
  ["bigint: digits", v.bigint, "12345678901234567890", 12345678901234567890n],
  ["bigint: fraction", v.bigint, "1.5", "!int_parsing"],
  ...["1", "on", "t", "true", "y", "yes", "TRUE", "Yes", "On"].map(
    (s): Row => [`bool: ${s}`, v.boolean, s, true],
  ),
  ...["0", "off", "f", "false", "n", "no", "FALSE", "No"].map(
    (s): Row => [`bool: ${s}`, v.boolean, s, false],
  ),
  ["bool: empty", v.boolean, "", "!bool_parsing"],
  ["bool: other word", v.boolean, "maybe", "!bool_parsing"],
  ["bool: long word", v.boolean, "truelove", "!bool_parsing"],
  ["string: empty is a string", v.string, "", ""],
  ["string: kept as is", v.string, " a+b ", " a+b "],
  ["picklist: exact", () => v.picklist(["red", "green"]), "red", "red"],
  ["picklist: case-sensitive", () => v.picklist(["red", "green"]), "Red", "!literal_error"],
  ["enum: value", () => v.enum({ A: "a", B: "b" }), "b", "b"],
  ["enum: key is not a value", () => v.enum({ A: "a", B: "b" }), "A", "!enum"],
  ["literal: number literal coerced", () => v.literal(3), "3", 3],
  ["literal: number literal mismatch", () => v.literal(3), "4", "!literal_error"],
  ["literal: boolean literal", () => v.literal(true), "yes", true],
  ["picklist: numbers", () => v.picklist([1, 2]), "2", 2],
  ["union: number first", () => v.union([v.number(), v.literal("auto")]), "2.5", 2.5],
  ["union: then literal", () => v.union([v.number(), v.literal("auto")]), "auto", "auto"],
  ["union: neither", () => v.union([v.number(), v.literal("auto")]), "x", "!float_parsing"],
  ["union: in order, string first", () => v.union([v.string(), v.number()]), "5", "5"],
  ["union: in order, number first", () => v.union([v.number(), v.string()]), "5", 5],
];

describe("compileField: apps/reference/SPEC.md §1.8 conversion table", () => {
  it.each(table)("%s", (_label, schema, raw, expected) => {
    const { value, errors } = run(schema(), raw);
    if (typeof expected === "string" && expected.startsWith("!")) {
      expect(value).toBeUndefined();
      expect(errors.map((e) => e.type)).toEqual([expected.slice(1)]);
      expect(errors[0]?.loc).toEqual(["query", "x"]);
      expect(errors[0]?.input).toBe(raw);
    } else {
      expect(errors).toEqual([]);
      expect(value).toEqual(expected);
    }
  });
});

describe("compileField: dates", () => {
  it("parses YYYY-MM-DD as UTC midnight and ISO date-times with or without zone", () => {
    expect((run(v.date(), "2024-03-01").value as Date).toISOString()).toBe(
      "2024-03-01T00:00:00.000Z",
    );
    expect((run(v.date(), "2024-03-01T09:30:00").value as Date).toISOString()).toBe(
      "2024-03-01T09:30:00.000Z",
    );
    expect((run(v.date(), "2024-03-01T09:30:00+02:00").value as Date).toISOString()).toBe(
      "2024-03-01T07:30:00.000Z",
    );
  });

  it("rejects impossible calendar dates with pydantic's reason", () => {
    const { errors } = run(v.date(), "2023-02-29");
    expect(errors[0]).toMatchObject({
      type: "date_from_datetime_parsing",
      msg: "Input should be a valid date or datetime, day value is outside expected range",
      ctx: { error: "day value is outside expected range" },
    });
  });
});

describe("compileField: absence, defaults and empty values", () => {
  it("a required field reports missing with input null", () => {
    const field = compileField(v.string(), { loc: ["query", "q"] });
    const errors: ErrorItem[] = [];
    expect(field.required).toBe(true);
    expect(field(undefined, errors)).toBeUndefined();
    expect(errors).toEqual([
      { type: "missing", loc: ["query", "q"], msg: "Field required", input: null },
    ]);
  });

  it("optional → undefined, default → default, nullish → null, nullable+default → default", () => {
    expect(run(v.optional(v.string()), undefined)).toEqual({ value: undefined, errors: [] });
    expect(run(v.optional(int(), 1), undefined)).toEqual({ value: 1, errors: [] });
    expect(run(v.nullish(int()), undefined)).toEqual({ value: null, errors: [] });
    expect(run(v.nullable(v.string(), "light"), undefined)).toEqual({ value: "light", errors: [] });
    expect(
      run(
        v.optional(v.string(), () => "fresh"),
        undefined,
      ).value,
    ).toBe("fresh");
    expect(compileField(v.optional(int(), 1), { loc: ["query", "x"] }).required).toBe(false);
    expect(compileField(v.nullable(v.string()), { loc: ["query", "x"] }).required).toBe(true);
  });

  it("present but empty is the empty string: valid for strings, invalid for int/bool", () => {
    expect(run(v.nullish(v.string()), "")).toEqual({ value: "", errors: [] });
    expect(run(v.nullish(int()), "").errors[0]?.type).toBe("int_parsing");
    expect(run(v.optional(v.boolean(), false), "").errors[0]?.type).toBe("bool_parsing");
  });

  it("emptyIsMissing (forms): empty counts as absent", () => {
    expect(run(v.optional(v.boolean(), false), "", { emptyIsMissing: true })).toEqual({
      value: false,
      errors: [],
    });
    expect(run(v.string(), "", { emptyIsMissing: true }).errors[0]?.type).toBe("missing");
    expect(run(v.optional(v.array(v.string()), []), "", { emptyIsMissing: true })).toEqual({
      value: [],
      errors: [],
    });
  });

  it("a scalar given several values uses the last one", () => {
    expect(run(int(), ["1", "2", "3"])).toEqual({ value: 3, errors: [] });
    expect(run(int(), ["1", "x"]).errors[0]?.input).toBe("x");
  });

  it("a default that violates the schema is reported (valibot validates defaults)", () => {
    expect(run(v.optional(v.pipe(v.number(), v.minValue(5)), 1), undefined).errors[0]?.type).toBe(
      "greater_than_equal",
    );
  });

  it("v.fallback replaces an invalid or absent value", () => {
    expect(run(v.fallback(int(), 7), "x")).toEqual({ value: 7, errors: [] });
    expect(run(v.fallback(int(), 7), undefined)).toEqual({ value: 7, errors: [] });
  });
});

describe("compileField: lists from repeated keys", () => {
  const list = () => v.optional(v.array(int()), []);

  it("is multi and coerces each item", () => {
    const field = compileField(list(), { loc: ["query", "n"] });
    expect(field.multi).toBe(true);
    expect(field(["1", "2"], [])).toEqual([1, 2]);
  });

  it("reports a bad item at its index", () => {
    const errors: ErrorItem[] = [];
    compileField(list(), { loc: ["query", "n"] })(["1", "x", "3", "y"], errors);
    expect(errors.map((e) => e.loc)).toEqual([
      ["query", "n", 1],
      ["query", "n", 3],
    ]);
  });

  it("never splits a single value on commas; absent or empty list → default", () => {
    expect(run(v.optional(v.array(v.string()), []), "a,b").value).toEqual(["a,b"]);
    expect(run(list(), []).value).toEqual([]);
    expect(run(list(), undefined).value).toEqual([]);
    expect(run(v.array(v.string()), undefined).errors[0]?.type).toBe("missing");
  });

  it("list constraints count items", () => {
    const errors = run(v.pipe(v.array(v.string()), v.minLength(2)), ["a"]).errors;
    expect(errors[0]).toMatchObject({
      type: "too_short",
      ctx: { field_type: "List", min_length: 2, actual_length: 1 },
    });
  });

  it("returns a fresh default list each call", () => {
    const field = compileField(v.optional(v.array(v.string()), []), { loc: ["query", "t"] });
    const a = field(undefined, []) as string[];
    a.push("mutated");
    expect(field(undefined, [])).toEqual([]);
  });
});

describe("compileField: string constraints count code points", () => {
  const name = () => v.pipe(v.string(), v.minLength(2), v.maxLength(3));

  it("two emoji are length 2", () => {
    expect(run(name(), "😀😀")).toEqual({ value: "😀😀", errors: [] });
    expect(run(name(), "😀").errors[0]).toMatchObject({
      type: "string_too_short",
      msg: "String should have at least 2 characters",
      ctx: { min_length: 2 },
    });
    expect(run(name(), "😀😀😀😀").errors[0]).toMatchObject({
      type: "string_too_long",
      msg: "String should have at most 3 characters",
      ctx: { max_length: 3 },
    });
  });

  it("pattern mismatch names the pattern", () => {
    const errors = run(v.pipe(v.string(), v.regex(/^[A-Z]{3}-\d{2}$/)), "abc-12").errors;
    expect(errors[0]).toMatchObject({
      type: "string_pattern_mismatch",
      msg: "String should match pattern '^[A-Z]{3}-\\d{2}$'",
      ctx: { pattern: "^[A-Z]{3}-\\d{2}$" },
    });
  });

  it("reports the raw string as input of a failed constraint, one error per value", () => {
    const errors = run(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(0)), "0").errors;
    expect(errors).toEqual([
      {
        type: "greater_than_equal",
        loc: ["query", "x"],
        msg: "Input should be greater than or equal to 1",
        input: "0",
        ctx: { ge: 1 },
      },
    ]);
  });
});

describe("compileModelFields", () => {
  const Filters = v.pipe(
    v.object({
      user_agent: v.optional(v.string()),
      limit: v.optional(int(), 10),
      tags: v.optional(v.array(v.string()), []),
    }),
    v.check((value) => value.limit <= 50, "limit too large for this model"),
  );

  it("compiles one field per entry with its request key and loc", () => {
    const model = compileModelFields(Filters, {
      source: "header",
      keyOf: (key) => key.replaceAll("_", "-"),
    });
    expect(model.fields.map((f) => [f.name, f.key, f.field.multi])).toEqual([
      ["user_agent", "user-agent", false],
      ["limit", "limit", false],
      ["tags", "tags", true],
    ]);
    const errors: ErrorItem[] = [];
    model.fields[1]?.field("x", errors);
    expect(errors[0]?.loc).toEqual(["header", "limit"]);
  });

  it("finish runs the model's own pipe at [source]", () => {
    const model = compileModelFields(Filters, { source: "query" });
    const errors: ErrorItem[] = [];
    expect(model.finish({ limit: 5, tags: [] }, errors)).toEqual({ limit: 5, tags: [] });
    expect(model.finish({ limit: 99, tags: [] }, errors)).toBeUndefined();
    expect(errors).toEqual([
      {
        type: "value_error",
        loc: ["query"],
        msg: "Value error, limit too large for this model",
        input: { limit: 99, tags: [] },
        ctx: { error: {} },
      },
    ]);
  });

  it("finish without a pipe returns the value; forms treat empty as absent", () => {
    const model = compileModelFields(v.object({ a: v.optional(v.string(), "d") }), {
      source: "body",
      emptyIsMissing: true,
    });
    expect(model.finish({ a: "x" }, [])).toEqual({ a: "x" });
    expect(model.fields[0]?.field("", [])).toBe("d");
  });

  it("rejects a non-object schema", () => {
    expect(() => compileModelFields(v.string(), { source: "query" })).toThrow(/object schema/);
  });
});
