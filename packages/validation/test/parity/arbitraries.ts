import fc from "fast-check";
import type { ArrayAction, NumberAction, Primitive, Recipe, StringAction } from "./recipe";

// Object keys come from one small pool, so generated inputs often hit declared keys, miss
// some and add others. None names an Object.prototype member or `__proto__`: valibot reads
// those with `in` / skips them, the core reads own properties only (see differences.ts).
const KEYS = ["a", "b", "c", "id"] as const;
const VARIANT_KEY = "type";
const TAGS = ["x", "y", "z"] as const;

// Strings are ASCII (valibot counts UTF-16 units, the core code points: see differences.ts).
const char = fc.constantFrom("a", "b", "Z", "1", "0", " ", "@", ".", "-");
const text = fc.oneof(
  fc.string({ unit: char, maxLength: 6 }),
  fc.constantFrom("", "a", "ab", "abc", "12", "a@b.io", " ab ", "true", "1.5", "2024-01-31"),
);
// Safe magnitudes only: past 2^53 the core refuses integers valibot accepts.
const number = fc.oneof(
  fc.integer({ min: -12, max: 12 }),
  fc.double({ min: -12, max: 12, noNaN: true }),
  fc.constantFrom(0.5, -0, 1e6, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN),
);
const date = fc.oneof(
  fc.date({ min: new Date("1990-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
  fc.constant(new Date(Number.NaN)),
);
const primitive = fc.oneof(text, number, fc.boolean(), fc.constant(null));

/** Any JSON-like value (plus dates), nested a little; no `undefined` inside containers. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    date,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS, "extra"), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A top-level input: any value, or nothing at all. */
export const anyInput = fc.oneof(anyValue, fc.constant(undefined));

const literalValue = fc.constantFrom<Primitive>("x", "1", 1, 0, true, false);
const choiceValues = fc.uniqueArray(fc.constantFrom<Primitive>("x", "y", "1", 1, 2), {
  minLength: 1,
  maxLength: 3,
});
const small = fc.integer({ min: 0, max: 4 });

const stringAction: fc.Arbitrary<StringAction> = fc.oneof(
  fc.record({ type: fc.constantFrom("min_length", "max_length", "length"), n: small }),
  fc.record({ type: fc.constantFrom("non_empty", "email", "trim", "to_lower_case") }),
  fc.record({ type: fc.constant("regex"), pattern: fc.constantFrom("letters", "digits") }),
  fc.record({ type: fc.constantFrom("starts_with", "includes"), text: fc.constantFrom("a", "b") }),
  fc.record({ type: fc.constant("check_no_space") }),
) as fc.Arbitrary<StringAction>;

const numberAction: fc.Arbitrary<NumberAction> = fc.oneof(
  fc.record({
    type: fc.constantFrom("min_value", "max_value", "gt_value", "lt_value"),
    n: fc.integer({ min: -5, max: 5 }),
  }),
  fc.record({ type: fc.constant("multiple_of"), n: fc.constantFrom(2, 3, 0.5) }),
  fc.record({ type: fc.constantFrom("integer", "finite") }),
) as fc.Arbitrary<NumberAction>;

const arrayAction: fc.Arbitrary<ArrayAction> = fc.oneof(
  fc.record({ type: fc.constantFrom("min_length", "max_length"), n: small }),
  fc.record({ type: fc.constant("non_empty") }),
) as fc.Arbitrary<ArrayAction>;

const actions = <T>(action: fc.Arbitrary<T>) => fc.array(action, { maxLength: 3 });

const leafRecipe: fc.Arbitrary<Recipe> = fc.oneof(
  fc.record({ kind: fc.constant("string"), actions: actions(stringAction) }),
  fc.record({ kind: fc.constant("number"), actions: actions(numberAction) }),
  fc.record({ kind: fc.constantFrom("boolean", "null", "undefined", "unknown", "date") }),
  fc.record({ kind: fc.constant("literal"), value: literalValue }),
  fc.record({ kind: fc.constantFrom("picklist", "enum"), values: choiceValues }),
) as fc.Arbitrary<Recipe>;

/** Object entries with distinct keys from the pool. */
const entriesOf = (recipe: fc.Arbitrary<Recipe>) =>
  fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), recipe), {
    maxLength: 3,
    selector: ([key]) => key,
  });

/** A string schema for record keys: a picklist of pool keys or a constrained string. */
const recordKey: fc.Arbitrary<Recipe> = fc.oneof(
  fc.record({
    kind: fc.constant("picklist"),
    values: fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant("string"),
    actions: fc.array(fc.record({ type: fc.constant("max_length"), n: small }), { maxLength: 1 }),
  }),
) as fc.Arbitrary<Recipe>;

/** Recipes of every kind the core compiles, nested to a bounded depth. */
export const recipe: fc.Arbitrary<Recipe> = fc.letrec<{ recipe: Recipe }>((tie) => {
  const inner = tie("recipe");
  return {
    recipe: fc.oneof(
      { depthSize: "small", withCrossShrink: true, maxDepth: 4 },
      leafRecipe,
      fc.record(
        {
          kind: fc.constantFrom("optional", "nullable", "nullish"),
          inner,
          default: primitive,
        },
        { requiredKeys: ["kind", "inner"] },
      ),
      // Not directly nested: see "fallback" in differences.ts.
      fc.record({
        kind: fc.constant("fallback"),
        inner: inner.filter((r) => r.kind !== "fallback"),
        value: primitive,
      }),
      fc.record({
        kind: fc.constantFrom("object", "loose_object", "strict_object"),
        entries: entriesOf(inner),
      }),
      fc.record({ kind: fc.constant("object_with_rest"), entries: entriesOf(inner), rest: inner }),
      fc.record({ kind: fc.constant("array"), item: inner, actions: actions(arrayAction) }),
      fc.record({
        kind: fc.constantFrom("tuple", "loose_tuple", "strict_tuple"),
        items: fc.array(inner, { maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant("tuple_with_rest"),
        items: fc.array(inner, { maxLength: 2 }),
        rest: inner,
      }),
      fc.record({ kind: fc.constant("record"), key: recordKey, value: inner }),
      fc.record({
        kind: fc.constant("union"),
        options: fc.array(inner, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant("variant"),
        key: fc.constant(VARIANT_KEY),
        options: fc.uniqueArray(
          fc.record({ tag: fc.constantFrom(...TAGS), entries: entriesOf(inner) }),
          { minLength: 1, maxLength: 3, selector: (o) => o.tag },
        ),
      }),
    ) as fc.Arbitrary<Recipe>,
  };
}).recipe;

const OMIT = Symbol("omit");

function objectValue(list: [string, Recipe][], extra: boolean): fc.Arbitrary<unknown> {
  const values = list.map(([key, r]) =>
    fc.tuple(
      fc.constant(key),
      fc.oneof({ weight: 4, arbitrary: shapedValue(r) }, fc.constant(OMIT)),
    ),
  );
  const extras = extra
    ? fc.dictionary(fc.constantFrom("extra", "more"), anyValue, { maxKeys: 2 })
    : fc.constant({});
  return fc.tuple(fc.tuple(...values), extras).map(([pairs, more]) => ({
    ...more,
    ...Object.fromEntries(pairs.filter(([, value]) => value !== OMIT)),
  }));
}

/** Values shaped after a recipe: mostly accepted by it, sometimes just off. */
export function shapedValue(r: Recipe): fc.Arbitrary<unknown> {
  switch (r.kind) {
    case "string":
      return text;
    case "number":
      return number;
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "undefined":
      return fc.constant(undefined);
    case "unknown":
      return anyValue;
    case "date":
      return date;
    case "literal":
      return fc.constant(r.value);
    case "picklist":
    case "enum":
      return fc.constantFrom(...r.values);
    case "optional":
      return fc.oneof(shapedValue(r.inner), fc.constant(undefined));
    case "nullable":
      return fc.oneof(shapedValue(r.inner), fc.constant(null));
    case "nullish":
      return fc.oneof(shapedValue(r.inner), fc.constantFrom(null, undefined));
    case "fallback":
      return fc.oneof(shapedValue(r.inner), anyValue);
    case "object":
    case "strict_object":
      return objectValue(r.entries, false);
    case "loose_object":
      return objectValue(r.entries, true);
    case "object_with_rest":
      return fc
        .tuple(
          objectValue(r.entries, false),
          fc.dictionary(fc.constant("more"), shapedValue(r.rest)),
        )
        .map(([object, more]) => ({ ...more, ...(object as object) }));
    case "array":
      return fc.array(shapedValue(r.item), { maxLength: 4 });
    case "tuple":
    case "loose_tuple":
    case "strict_tuple":
      return fc
        .tuple(...r.items.map(shapedValue))
        .chain((items) =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(items) },
            fc.constant(items.slice(0, -1)),
            fc.constant([...items, "more"]),
          ),
        );
    case "tuple_with_rest":
      return fc
        .tuple(
          fc.tuple(...r.items.map(shapedValue)),
          fc.array(shapedValue(r.rest), { maxLength: 2 }),
        )
        .map(([items, rest]) => [...items, ...rest]);
    case "record":
      return fc.dictionary(shapedValue(r.key).map(String), shapedValue(r.value), { maxKeys: 3 });
    case "union":
      return fc.oneof(...r.options.map(shapedValue));
    case "variant":
      return fc.oneof(
        ...r.options.map((o) =>
          objectValue(o.entries, false).map((object) => ({
            ...(object as object),
            [r.key]: o.tag,
          })),
        ),
      );
  }
}

/** A recipe with inputs for it: one shaped after it, one arbitrary. */
export const recipeWithInputs = recipe.chain((r) =>
  fc.record({ recipe: fc.constant(r), shaped: shapedValue(r), arbitrary: anyInput }),
);
