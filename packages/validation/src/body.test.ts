import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileBody, validate } from "./body";
import type { ErrorItem } from "./types";

const int = () => v.pipe(v.number(), v.integer());

// SPEC §2.5's models.
const Dimensions = v.object({
  width: v.pipe(int(), v.gtValue(0)),
  height: v.pipe(int(), v.gtValue(0)),
  unit: v.optional(v.picklist(["cm", "inch"]), "cm"),
});
const Item = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  price: v.pipe(v.number(), v.gtValue(0), v.maxValue(1_000_000)),
  tax: v.nullish(v.pipe(v.number(), v.minValue(0))),
  tags: v.optional(v.array(v.string()), []),
  dimensions: v.nullish(Dimensions),
});

function body(schema: v.GenericSchema, value: unknown, loc: (string | number)[] = ["body"]) {
  const errors: ErrorItem[] = [];
  const out = compileBody(schema, { loc })(value, errors);
  return { out, errors, locs: errors.map((e) => e.loc) };
}

describe("compileBody: SPEC §2.5 item", () => {
  it("fills defaults and nullish keys, coerces numeric strings (lax JSON rules)", () => {
    const { out, errors } = body(Item, {
      name: "Pen",
      price: "12.5",
      dimensions: { width: "3", height: 4 },
      extra: 1,
    });
    expect(errors).toEqual([]);
    expect(out).toEqual({
      name: "Pen",
      price: 12.5,
      tax: null,
      tags: [],
      dimensions: { width: 3, height: 4, unit: "cm" },
    });
  });

  it("reports every problem with nested locs", () => {
    const { locs, errors } = body(Item, {
      price: 0,
      tags: ["a", 5],
      dimensions: { width: 1.5, unit: "mm" },
    });
    expect(locs).toEqual([
      ["body", "name"],
      ["body", "price"],
      ["body", "tags", 1],
      ["body", "dimensions", "width"],
      ["body", "dimensions", "height"],
      ["body", "dimensions", "unit"],
    ]);
    expect(errors.map((e) => e.type)).toEqual([
      "missing",
      "greater_than",
      "string_type",
      "int_from_float",
      "missing",
      "literal_error",
    ]);
    expect(errors[0]?.input).toEqual({
      price: 0,
      tags: ["a", 5],
      dimensions: { width: 1.5, unit: "mm" },
    });
  });

  it("a non-object, a missing body and JSON null are one error at [body]", () => {
    expect(body(Item, "text").errors).toEqual([
      {
        type: "model_attributes_type",
        loc: ["body"],
        msg: "Input should be a valid dictionary or object to extract fields from",
        input: "text",
      },
    ]);
    expect(body(Item, undefined).errors).toEqual([
      { type: "missing", loc: ["body"], msg: "Field required", input: null },
    ]);
    expect(body(Item, null).locs).toEqual([["body"]]);
    expect(body(Item, [1]).locs).toEqual([["body"]]);
    expect(compileBody(Item, { loc: ["body"] }).required).toBe(true);
  });

  it("null is accepted only by optional fields; a number is not a string", () => {
    expect(
      body(Item, { name: null, price: 1, tax: null }).errors.map((e) => [e.loc, e.type]),
    ).toEqual([[["body", "name"], "string_type"]]);
    expect(body(Item, { name: 123, price: 1 }).errors[0]?.type).toBe("string_type");
  });

  it("an embedded body uses its own loc prefix", () => {
    expect(body(v.object({ item: Item }), { name: "x" }, ["body"]).locs).toEqual([
      ["body", "item"],
    ]);
    expect(body(Item, { name: "x" }, ["body", "item"]).locs).toEqual([["body", "item", "price"]]);
  });

  it("an optional body: absent or null gives the default / undefined", () => {
    expect(body(v.optional(Item), undefined)).toMatchObject({ out: undefined, errors: [] });
    expect(body(v.optional(v.array(int()), []), null)).toMatchObject({ out: [], errors: [] });
    expect(body(v.nullable(v.object({})), null)).toMatchObject({ out: null, errors: [] });
  });
});

describe("compileBody: collections", () => {
  it("list body: bad item at [body, index]; non-list at [body]", () => {
    expect(body(v.array(int()), [1, "2", "x", 4.5])).toMatchObject({
      locs: [
        ["body", 2],
        ["body", 3],
      ],
    });
    expect(body(v.array(int()), [1, "2"]).out).toEqual([1, 2]);
    expect(body(v.array(int()), { a: 1 }).errors[0]?.type).toBe("list_type");
  });

  it("record body: bad value at [body, key]; keys validated", () => {
    const scores = v.record(v.string(), int());
    expect(body(scores, { ann: 3, ben: "x" }).locs).toEqual([["body", "ben"]]);
    expect(body(scores, { ann: "3" }).out).toEqual({ ann: 3 });
    expect(body(scores, [1]).errors[0]?.type).toBe("dict_type");
    const keyed = v.record(v.picklist(["a", "b"]), int());
    expect(body(keyed, { a: 1, c: 2 }).errors[0]).toMatchObject({
      type: "literal_error",
      loc: ["body", "c"],
      input: "c",
    });
  });

  it("tuples: missing items, extra items per tuple kind", () => {
    const items = [v.string(), int()] as const;
    expect(body(v.tuple([...items]), ["a", "2", "extra"]).out).toEqual(["a", 2]);
    expect(body(v.looseTuple([...items]), ["a", 2, true]).out).toEqual(["a", 2, true]);
    expect(body(v.strictTuple([...items]), ["a", 2, true]).errors[0]?.type).toBe("too_long");
    expect(body(v.tupleWithRest([...items], v.boolean()), ["a", 2, true, "x"]).locs).toEqual([
      ["body", 3],
    ]);
    expect(body(v.tupleWithRest([...items], v.boolean()), ["a", 2, true]).out).toEqual([
      "a",
      2,
      true,
    ]);
    expect(body(v.tuple([...items]), ["a"]).errors[0]).toMatchObject({
      type: "missing",
      loc: ["body", 1],
    });
    expect(body(v.tuple([v.string(), v.optional(int(), 9), v.optional(int())]), ["a"]).out).toEqual(
      ["a", 9],
    );
    expect(body(v.tuple([v.string(), int()]), ["a", "x"]).locs).toEqual([["body", 1]]);
    expect(body(v.tuple([v.string()]), "a").errors[0]?.type).toBe("tuple_type");
  });
});

describe("compileBody: object kinds", () => {
  const entries = { a: int() };

  it("object strips unknown keys, loose keeps them, strict rejects them, rest validates them", () => {
    expect(body(v.object(entries), { a: 1, b: 2 }).out).toEqual({ a: 1 });
    expect(body(v.looseObject(entries), { a: 1, b: 2 }).out).toEqual({ a: 1, b: 2 });
    expect(
      body(v.strictObject(entries), { a: 1, b: 2, c: 3 }).errors.map((e) => [
        e.type,
        e.loc,
        e.input,
      ]),
    ).toEqual([
      ["extra_forbidden", ["body", "b"], 2],
      ["extra_forbidden", ["body", "c"], 3],
    ]);
    expect(body(v.objectWithRest(entries, v.boolean()), { a: 1, b: "yes" }).out).toEqual({
      a: 1,
      b: true,
    });
    expect(body(v.objectWithRest(entries, v.boolean()), { a: 1, b: "x" }).locs).toEqual([
      ["body", "b"],
    ]);
  });

  it("keys named like Object.prototype members are read as own properties only", () => {
    const schema = v.object({ constructor: v.string(), toString: v.optional(v.string(), "d") });
    expect(body(schema, {}).errors.map((e) => e.loc)).toEqual([["body", "constructor"]]);
    expect(body(schema, { constructor: "c" }).out).toEqual({ constructor: "c", toString: "d" });
  });

  it("a declared __proto__ key stays an own property and never sets the prototype", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": 1}}');
    const out = body(v.object({ ["__proto__"]: v.looseObject({}) }), parsed).out as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
    const loose = body(v.looseObject({}), parsed).out as Record<string, unknown>;
    expect(Object.getPrototypeOf(loose)).toBe(Object.prototype);
    const record = body(v.record(v.string(), v.any()), parsed).out as Record<string, unknown>;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("v.fallback on a key fills an absent or invalid value", () => {
    const schema = v.object({ n: v.fallback(int(), 0) });
    expect(body(schema, {}).out).toEqual({ n: 0 });
    expect(body(schema, { n: "x" }).out).toEqual({ n: 0 });
  });
});

describe("compileBody: unions and variants", () => {
  it("strict pass first: a string stays a string when a string option exists", () => {
    expect(body(v.union([v.number(), v.string()]), "5").out).toBe("5");
    expect(body(v.union([v.number(), v.string()]), 5).out).toBe(5);
    expect(body(v.union([v.boolean(), int()]), "1").out).toBe(true);
  });

  it("an object option that matched the shape reports its own nested errors", () => {
    const schema = v.union([v.string(), v.object({ id: int() })]);
    expect(body(schema, { id: "x" }).errors).toEqual([
      expect.objectContaining({ type: "int_parsing", loc: ["body", "id"], input: "x" }),
    ]);
  });

  it("no option matched: one error at the union's loc listing what was expected", () => {
    expect(body(v.union([v.number(), v.literal("auto")]), true).errors).toEqual([
      {
        type: "float_type",
        loc: ["body"],
        msg: "Input should be a valid number or 'auto'",
        input: true,
      },
    ]);
    expect(body(v.union([v.literal("a"), v.picklist(["b", "c"])]), "z").errors).toEqual([
      {
        type: "literal_error",
        loc: ["body"],
        msg: "Input should be 'a', 'b' or 'c'",
        input: "z",
        ctx: { expected: "'a', 'b' or 'c'" },
      },
    ]);
  });

  const Cat = v.object({ kind: v.literal("cat"), meows: v.boolean() });
  const Dog = v.object({ kind: v.literal("dog"), barks: int() });
  const Pet = v.variant("kind", [Cat, Dog]);

  it("variant: the tag picks the option; its errors are nested", () => {
    expect(body(Pet, { kind: "dog", barks: "3" }).out).toEqual({ kind: "dog", barks: 3 });
    expect(body(Pet, { kind: "cat", meows: "x" }).locs).toEqual([["body", "meows"]]);
  });

  it("variant: bad or missing tag is one error", () => {
    expect(body(Pet, { kind: "cow" }).errors).toEqual([
      {
        type: "union_tag_invalid",
        loc: ["body"],
        msg: "Input tag 'cow' found using 'kind' does not match any of the expected tags: 'cat', 'dog'",
        input: { kind: "cow" },
        ctx: { discriminator: "'kind'", tag: "cow", expected_tags: "'cat', 'dog'" },
      },
    ]);
    expect(body(Pet, {}).errors[0]).toMatchObject({
      type: "union_tag_not_found",
      msg: "Unable to extract tag using discriminator 'kind'",
    });
    expect(body(Pet, "x").errors[0]?.type).toBe("model_attributes_type");
  });

  it("nested variants match on every discriminator", () => {
    const Small = v.object({ kind: v.literal("dog"), size: v.literal("s"), toy: v.string() });
    const Large = v.object({ kind: v.literal("dog"), size: v.literal("l"), yard: v.boolean() });
    const Pets = v.variant("kind", [Cat, v.variant("size", [Small, Large])]);
    expect(body(Pets, { kind: "dog", size: "l", yard: "yes" }).out).toEqual({
      kind: "dog",
      size: "l",
      yard: true,
    });
    expect(body(Pets, { kind: "dog", size: "m" }).errors[0]?.type).toBe("union_tag_invalid");
  });
});

describe("compileBody: pipes, actions and messages", () => {
  it("custom v.check messages become value_error with the action's message", () => {
    const schema = v.pipe(
      v.object({ a: int(), b: int() }),
      v.check((o) => o.a < o.b, "a must be less than b"),
    );
    expect(body(schema, { a: 2, b: 1 }).errors).toEqual([
      { type: "value_error", loc: ["body"], msg: "a must be less than b", input: { a: 2, b: 1 } },
    ]);
  });

  it("custom messages on actions and schemas win over pydantic's wording", () => {
    expect(body(v.pipe(v.string(), v.minLength(3, "too short!")), "ab").errors[0]).toMatchObject({
      type: "string_too_short",
      msg: "too short!",
    });
    expect(
      body(
        v.pipe(
          v.string(),
          v.maxLength(1, (issue) => `got ${issue.input}`),
        ),
        "ab",
      ).errors[0]?.msg,
    ).toBe("got ab");
    expect(body(v.string("Name must be text"), 1).errors[0]).toMatchObject({
      type: "string_type",
      msg: "Name must be text",
    });
    expect(
      body(
        v.object({}, () => "need an object"),
        1,
      ).errors[0]?.msg,
    ).toBe("need an object");
    expect(body(v.pipe(v.string(), v.email("bad email")), "x").errors[0]).toMatchObject({
      type: "value_error",
      msg: "bad email",
    });
  });

  it("maps common valibot actions to pydantic codes", () => {
    const cases: [v.GenericSchema, unknown, string, Record<string, unknown> | undefined][] = [
      [v.pipe(v.number(), v.minValue(1)), 0, "greater_than_equal", { ge: 1 }],
      [v.pipe(v.number(), v.maxValue(1)), 2, "less_than_equal", { le: 1 }],
      [v.pipe(v.number(), v.gtValue(1)), 1, "greater_than", { gt: 1 }],
      [v.pipe(v.number(), v.ltValue(1)), 1, "less_than", { lt: 1 }],
      [v.pipe(v.number(), v.multipleOf(3)), 4, "multiple_of", { multiple_of: 3 }],
      [v.pipe(v.number(), v.finite()), Number.POSITIVE_INFINITY, "finite_number", undefined],
      [v.pipe(v.number(), v.safeInteger()), 2 ** 60, "int_parsing_size", undefined],
      [v.pipe(v.number(), v.safeInteger()), 1.5, "int_from_float", undefined],
      [v.pipe(v.number(), v.value(3)), 4, "literal_error", { expected: "3" }],
      [v.pipe(v.string(), v.values(["a", "b"])), "c", "literal_error", { expected: "'a' or 'b'" }],
      [
        v.pipe(v.string(), v.email()),
        "nope",
        "value_error",
        { reason: "The email address is not valid." },
      ],
      [
        v.pipe(v.string(), v.url()),
        "nope",
        "url_parsing",
        { error: "input is not a valid absolute URL" },
      ],
      [v.pipe(v.string(), v.nonEmpty()), "", "string_too_short", { min_length: 1 }],
      [v.pipe(v.string(), v.length(2)), "abc", "string_too_long", { max_length: 2 }],
      [
        v.pipe(v.array(v.string()), v.maxLength(1)),
        ["a", "b"],
        "too_long",
        { field_type: "List", max_length: 1, actual_length: 2 },
      ],
      [
        v.pipe(v.array(v.string()), v.nonEmpty()),
        [],
        "too_short",
        { field_type: "List", min_length: 1, actual_length: 0 },
      ],
      [
        v.pipe(v.string(), v.isoDate()),
        "2024-02-30",
        "date_parsing",
        { error: "day value is outside expected range" },
      ],
      [
        v.pipe(v.string(), v.isoTimestamp()),
        "2024-03-01",
        "datetime_parsing",
        { error: "invalid format" },
      ],
      [
        v.pipe(v.string(), v.isoDateTime()),
        "2024-13-01T10:00",
        "datetime_parsing",
        { error: "month value is outside expected range" },
      ],
      [v.pipe(v.string(), v.startsWith("x")), "abc", "starts_with", undefined],
    ];
    for (const [schema, input, type, ctx] of cases) {
      const [error] = body(schema, input).errors;
      expect(error?.type, type).toBe(type);
      expect(error?.ctx, type).toEqual(ctx);
      expect(error?.input, type).toEqual(input);
    }
  });

  it("uuid errors explain the bad character", () => {
    expect(
      body(v.pipe(v.string(), v.uuid()), "12345678-1234-1234-1234-12345678901z").errors[0],
    ).toMatchObject({
      type: "uuid_parsing",
      msg: "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `z` at 36",
    });
    expect(body(v.pipe(v.string(), v.uuid()), "1234").errors[0]?.msg).toMatch(/8-4-4-4-12/);
    const ok = "0b7c4b1e-8c1c-4d5e-9f3a-2b8e6d1c0a9f";
    expect(body(v.pipe(v.string(), v.uuid()), ok).out).toBe(ok);
  });

  it("transforms run after validation; a later schema in the pipe validates the result", () => {
    const schema = v.pipe(
      v.string(),
      v.trim(),
      v.minLength(2),
      v.transform((s) => s.length),
      v.number(),
      v.maxValue(3),
    );
    expect(body(schema, "  ab ").out).toBe(2);
    expect(body(schema, " a ").errors[0]?.type).toBe("string_too_short");
    expect(body(schema, "abcd").errors[0]?.type).toBe("less_than_equal");
    expect(body(v.pipe(v.string(), v.toNumber()), "x").errors[0]?.type).toBe("to_number");
  });

  it("constraints are skipped for an absent optional value", () => {
    // valibot's types refuse this pipe; it still occurs in untyped code and must not crash.
    const schema = v.object({ note: v.pipe(v.nullish(v.string()), v.maxLength(3) as never) });
    expect(body(schema, {}).out).toEqual({ note: null });
    expect(body(schema, { note: "long" }).errors[0]?.type).toBe("string_too_long");
  });

  it("non_optional / non_nullable / non_nullish", () => {
    expect(body(v.nonOptional(v.optional(v.string())), undefined).errors[0]?.type).toBe("missing");
    expect(body(v.object({ a: v.nonOptional(v.optional(v.string())) }), {}).errors[0]?.loc).toEqual(
      ["body", "a"],
    );
    expect(body(v.nonNullable(v.nullable(v.string())), "x").out).toBe("x");
    expect(
      body(v.object({ a: v.nonNullable(v.nullable(v.string())) }), { a: null }).errors[0]?.type,
    ).toBe("non_nullable");
    expect(
      body(v.object({ a: v.nonNullish(v.nullish(v.string())) }), { a: null }).errors[0]?.type,
    ).toBe("non_nullable");
    expect(body(v.object({ a: v.nonNullish(v.nullish(v.string())) }), {}).errors[0]?.type).toBe(
      "missing",
    );
    expect(body(v.object({ a: v.nonNullish(v.nullish(v.string())) }), { a: "x" }).out).toEqual({
      a: "x",
    });
  });

  it("wrappers with defaults", () => {
    expect(body(v.object({ a: v.nullable(v.string(), "d") }), { a: null }).out).toEqual({ a: "d" });
    expect(body(v.object({ a: v.nullish(v.string(), "d") }), { a: null }).out).toEqual({ a: "d" });
    expect(body(v.object({ a: v.nullish(v.string(), "d") }), {}).out).toEqual({ a: "d" });
    expect(body(v.object({ a: v.optional(v.string(), () => undefined) }), {}).out).toEqual({});
    expect(body(v.object({ a: v.undefinedable(v.string(), "u") }), {}).out).toEqual({ a: "u" });
    expect(body(v.object({ a: v.exactOptional(v.string()) }), {}).out).toEqual({});
    expect(body(v.object({ a: v.exactOptional(v.string()) }), { a: 1 }).errors[0]?.type).toBe(
      "string_type",
    );
  });
});

describe("compileBody: scalars in JSON", () => {
  it("lax rules for numbers, booleans, dates, bigints", () => {
    expect(body(v.number(), "12.5").out).toBe(12.5);
    expect(body(int(), "10").out).toBe(10);
    expect(body(int(), 5.5).errors[0]?.type).toBe("int_from_float");
    expect(body(int(), true).errors[0]?.type).toBe("int_type");
    expect(body(int(), Number.POSITIVE_INFINITY).errors[0]?.type).toBe("finite_number");
    expect(body(v.number(), Number.NaN).errors[0]?.type).toBe("finite_number");
    expect(body(v.number(), true).errors[0]?.type).toBe("float_type");
    expect(body(v.boolean(), 1).out).toBe(true);
    expect(body(v.boolean(), 0).out).toBe(false);
    expect(body(v.boolean(), 2).errors[0]?.type).toBe("bool_type");
    expect(body(v.bigint(), 5).out).toBe(5n);
    expect(body(v.bigint(), 5n).out).toBe(5n);
    expect(body(v.bigint(), 5.5).errors[0]?.type).toBe("int_from_float");
    expect(body(v.bigint(), true).errors[0]?.type).toBe("int_type");
    expect(body(v.null(), null).out).toBeNull();
    expect(body(v.object({ a: v.null() }), { a: 1 }).errors[0]?.type).toBe("none_required");
    expect(body(v.unknown(), { deep: [1] }).out).toEqual({ deep: [1] });
  });

  it("dates from strings or Date objects", () => {
    const d = new Date("2024-01-02T03:04:05Z");
    expect(body(v.date(), d).out).toBe(d);
    expect(body(v.date(), new Date(Number.NaN)).errors[0]?.type).toBe("date_type");
    expect(body(v.date(), 5).errors[0]?.type).toBe("date_type");
    expect(
      body(v.pipe(v.date(), v.minValue(new Date("2025-01-01"))), "2024-06-01").errors[0],
    ).toMatchObject({
      type: "greater_than_equal",
      msg: "Input should be greater than or equal to 2025-01-01T00:00:00.000Z",
    });
  });
});

describe("compileBody: schemas without a native node run through valibot", () => {
  it("maps their issues and keeps their paths", () => {
    const schema = v.object({
      when: v.instance(Date),
      both: v.intersect([v.object({ a: v.string() }), v.object({ b: v.number() })]),
    });
    const { errors } = body(schema, { when: "x", both: { a: 1 } });
    expect(errors.map((e) => [e.type, e.loc])).toEqual([
      ["instance", ["body", "when"]],
      ["string_type", ["body", "both", "a"]],
      ["missing", ["body", "both", "b"]],
    ]);
    expect(errors[2]?.input).toEqual({ a: 1 });
    expect(body(schema, { when: new Date(0), both: { a: "x", b: 1 } }).out).toMatchObject({
      both: { a: "x", b: 1 },
    });
  });

  it("maps valibot's type issues to pydantic codes", () => {
    const wrapIn = (schema: v.GenericSchema, input: unknown) =>
      body(v.intersect([schema]), input).errors.map((e) => e.type);
    expect(wrapIn(v.string(), 1)).toEqual(["string_type"]);
    expect(wrapIn(v.number(), "x")).toEqual(["float_type"]);
    expect(wrapIn(v.bigint(), "x")).toEqual(["int_type"]);
    expect(wrapIn(v.boolean(), "x")).toEqual(["bool_type"]);
    expect(wrapIn(v.date(), "x")).toEqual(["date_type"]);
    expect(wrapIn(v.null(), "x")).toEqual(["none_required"]);
    expect(wrapIn(v.array(v.string()), "x")).toEqual(["list_type"]);
    expect(wrapIn(v.record(v.string(), v.string()), "x")).toEqual(["dict_type"]);
    expect(wrapIn(v.tuple([v.string()]), "x")).toEqual(["tuple_type"]);
    expect(wrapIn(v.object({}), "x")).toEqual(["model_attributes_type"]);
    expect(wrapIn(v.strictObject({}), { z: 1 })).toEqual(["extra_forbidden"]);
    expect(wrapIn(v.picklist(["a"]), "x")).toEqual(["literal_error"]);
    expect(wrapIn(v.enum({ A: "a" }), "x")).toEqual(["enum"]);
    expect(wrapIn(v.nonOptional(v.optional(v.string())), undefined)).toEqual(["missing"]);
    expect(wrapIn(v.pipe(v.string(), v.minLength(3)), "ab")).toEqual(["string_too_short"]);
    expect(wrapIn(v.pipe(v.string(), v.maxLength(1)), "ab")).toEqual(["string_too_long"]);
    expect(wrapIn(v.pipe(v.array(v.string()), v.nonEmpty()), [])).toEqual(["too_short"]);
    expect(wrapIn(v.pipe(v.number(), v.minValue(1)), 0)).toEqual(["greater_than_equal"]);
    expect(wrapIn(v.pipe(v.number(), v.maxValue(1)), 2)).toEqual(["less_than_equal"]);
    expect(wrapIn(v.pipe(v.number(), v.gtValue(1)), 1)).toEqual(["greater_than"]);
    expect(wrapIn(v.pipe(v.number(), v.ltValue(1)), 1)).toEqual(["less_than"]);
    expect(wrapIn(v.pipe(v.array(v.string()), v.length(2)), ["a"])).toEqual(["too_short"]);
    expect(wrapIn(v.pipe(v.number(), v.integer()), 1.5)).toEqual(["int_from_float"]);
    expect(wrapIn(v.pipe(v.string(), v.isoDate()), "x")).toEqual(["date_parsing"]);
    expect(wrapIn(v.pipe(v.string(), v.isoTimestamp()), "x")).toEqual(["datetime_parsing"]);
    expect(wrapIn(v.pipe(v.string(), v.uuid()), "x")).toEqual(["uuid_parsing"]);
    expect(
      wrapIn(
        v.pipe(
          v.array(v.number()),
          v.checkItems((n) => n > 0, "positive"),
        ),
        [-1],
      ),
    ).toEqual(["value_error"]);
    expect(wrapIn(v.symbol(), "x")).toEqual(["symbol"]);
    expect(body(v.intersect([v.picklist(["a", "b"])]), "x").errors[0]?.msg).toBe(
      "Input should be 'a' or 'b'",
    );
  });

  it("refuses async schemas at compile time", () => {
    expect(() =>
      compileBody(
        v.pipeAsync(
          v.string(),
          v.checkAsync(async () => true),
        ) as never,
        { loc: ["body"] },
      ),
    ).toThrow(/Async valibot schemas/);
    expect(() => compileBody("nope" as never, { loc: ["body"] })).toThrow(
      /Expected a valibot schema/,
    );
  });
});

describe("compileBody: recursion", () => {
  type Node = { name: string; children: Node[] };
  const Tree: v.GenericSchema<Node> = v.object({
    name: v.string(),
    children: v.array(v.lazy(() => Tree)),
  });

  it("validates recursive schemas with nested locs", () => {
    const value = { name: "a", children: [{ name: "b", children: [{ name: 1, children: [] }] }] };
    expect(body(Tree, value).locs).toEqual([["body", "children", 0, "children", 0, "name"]]);
  });

  it("rejects input nested beyond the depth limit instead of overflowing the stack", () => {
    let value: Node = { name: "leaf", children: [] };
    for (let i = 0; i < 500; i++) value = { name: "n", children: [value] };
    const { errors } = body(Tree, value);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.type).toBe("recursion_loop");
  });
});

describe("validate", () => {
  it("validates any value with a loc prefix", () => {
    const errors: ErrorItem[] = [];
    expect(validate(v.object({ q: int() }), { q: "3" }, ["body", "item"], errors)).toEqual({
      q: 3,
    });
    expect(validate(v.object({ q: int() }), { q: "x" }, ["body", "item"], errors)).toBeUndefined();
    expect(errors.map((e) => e.loc)).toEqual([["body", "item", "q"]]);
  });
});
