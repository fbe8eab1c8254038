import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileBody, validate } from "./body";
import type { ErrorItem } from "./types";

const int = () => v.pipe(v.number(), v.integer());

// apps/reference/SPEC.md §2.5's models.
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

describe("compileBody: apps/reference/SPEC.md §2.5 item", () => {
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

  it("record body: bad value at [body, key]; a bad key at [body, key, '[key]']", () => {
    const scores = v.record(v.string(), int());
    expect(body(scores, { ann: 3, ben: "x" }).locs).toEqual([["body", "ben"]]);
    expect(body(scores, { ann: "3" }).out).toEqual({ ann: 3 });
    expect(body(scores, [1]).errors[0]?.type).toBe("dict_type");
    const keyed = v.record(v.picklist(["a", "b"]), int());
    expect(body(keyed, { a: 1, c: 2 }).errors[0]).toMatchObject({
      type: "literal_error",
      loc: ["body", "c", "[key]"],
      input: "c",
    });
  });

  it("record keys coerce as pydantic's dict[int, float] does, int_parsing at [..., key, '[key]']", () => {
    const prices = v.record(v.pipe(v.string(), v.transform(Number), v.integer()), v.number());
    const byId = v.record(int() as never, v.number());
    expect(body(byId, { "1": "2.5", "20": 3 }).out).toEqual({ "1": 2.5, "20": 3 });
    // Integer-like keys come first in a JS object.
    expect(body(byId, { "1": 2, foo: 3, "2": "x" }).errors).toEqual([
      {
        type: "float_parsing",
        loc: ["body", "2"],
        msg: "Input should be a valid number, unable to parse string as a number",
        input: "x",
      },
      {
        type: "int_parsing",
        loc: ["body", "foo", "[key]"],
        msg: "Input should be a valid integer, unable to parse string as an integer",
        input: "foo",
      },
    ]);
    expect(body(prices, { "1.5": 1 }).errors[0]?.loc).toEqual(["body", "1.5", "[key]"]);
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
