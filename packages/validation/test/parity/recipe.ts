import * as v from "valibot";

// A schema as plain data: fast-check generates and shrinks recipes (and prints them readably
// in a counterexample), and each build() makes fresh valibot objects, so one recipe can be
// compiled twice without the compile cache handing back the first node.

export type StringAction =
  | { type: "min_length" | "max_length" | "length"; n: number }
  | { type: "non_empty" | "email" | "trim" | "to_lower_case" }
  | { type: "regex"; pattern: "letters" | "digits" }
  | { type: "starts_with" | "includes"; text: string }
  | { type: "check_no_space" };

export type NumberAction =
  | { type: "min_value" | "max_value" | "gt_value" | "lt_value" | "multiple_of"; n: number }
  | { type: "integer" | "finite" };

export type ArrayAction = { type: "min_length" | "max_length"; n: number } | { type: "non_empty" };

export type Primitive = string | number | boolean | null;

export type Recipe =
  | { kind: "string"; actions: StringAction[] }
  | { kind: "number"; actions: NumberAction[] }
  | { kind: "boolean" | "null" | "undefined" | "unknown" | "date" }
  | { kind: "literal"; value: Primitive }
  | { kind: "picklist" | "enum"; values: Primitive[] }
  | { kind: "optional" | "nullable" | "nullish"; inner: Recipe; default?: Primitive }
  | { kind: "fallback"; inner: Recipe; value: Primitive }
  | { kind: "object" | "loose_object" | "strict_object"; entries: [string, Recipe][] }
  | { kind: "object_with_rest"; entries: [string, Recipe][]; rest: Recipe }
  | { kind: "array"; item: Recipe; actions: ArrayAction[] }
  | { kind: "tuple" | "loose_tuple" | "strict_tuple"; items: Recipe[] }
  | { kind: "tuple_with_rest"; items: Recipe[]; rest: Recipe }
  | { kind: "record"; key: Recipe; value: Recipe }
  | { kind: "union"; options: Recipe[] }
  | { kind: "variant"; key: string; options: { tag: string; entries: [string, Recipe][] }[] };

type Schema = v.GenericSchema;
type Pipeable = v.GenericSchema & v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>>;

function stringAction(a: StringAction): v.PipeItem<string, string, v.BaseIssue<unknown>> {
  switch (a.type) {
    case "min_length":
      return v.minLength(a.n);
    case "max_length":
      return v.maxLength(a.n);
    case "length":
      return v.length(a.n);
    case "non_empty":
      return v.nonEmpty();
    case "email":
      return v.email();
    case "trim":
      return v.trim();
    case "to_lower_case":
      return v.toLowerCase();
    case "regex":
      return v.regex(a.pattern === "letters" ? /^[a-z]+$/i : /^\d+$/);
    case "starts_with":
      return v.startsWith(a.text);
    case "includes":
      return v.includes(a.text);
    case "check_no_space":
      return v.check((s) => !s.includes(" "), "no spaces");
  }
}

function numberAction(a: NumberAction): v.PipeItem<number, number, v.BaseIssue<unknown>> {
  switch (a.type) {
    case "min_value":
      return v.minValue(a.n);
    case "max_value":
      return v.maxValue(a.n);
    case "gt_value":
      return v.gtValue(a.n);
    case "lt_value":
      return v.ltValue(a.n);
    case "multiple_of":
      return v.multipleOf(a.n);
    case "integer":
      return v.integer();
    case "finite":
      return v.finite();
  }
}

function arrayAction(a: ArrayAction): v.PipeItem<unknown[], unknown[], v.BaseIssue<unknown>> {
  switch (a.type) {
    case "min_length":
      return v.minLength(a.n);
    case "max_length":
      return v.maxLength(a.n);
    case "non_empty":
      return v.nonEmpty();
  }
}

/** `v.pipe(root, ...items)`, or the root itself when there are no items. */
function piped(root: Schema, items: v.PipeItem<never, unknown, v.BaseIssue<unknown>>[]): Schema {
  if (items.length === 0) return root;
  return (v.pipe as unknown as (...args: unknown[]) => Schema)(root, ...items);
}

function entries(list: [string, Recipe][]): v.ObjectEntries {
  return Object.fromEntries(list.map(([key, r]) => [key, build(r)]));
}

/** Fresh valibot schema objects for a recipe. */
export function build(r: Recipe): Schema {
  switch (r.kind) {
    case "string":
      return piped(v.string(), r.actions.map(stringAction) as never[]);
    case "number":
      return piped(v.number(), r.actions.map(numberAction) as never[]);
    case "boolean":
      return v.boolean();
    case "null":
      return v.null();
    case "undefined":
      return v.undefined();
    case "unknown":
      return v.unknown();
    case "date":
      return v.date();
    case "literal":
      return v.literal(r.value as string);
    case "picklist":
      return v.picklist(r.values as string[]);
    case "enum":
      return v.enum(Object.fromEntries(r.values.map((value, i) => [`K${i}`, value])) as never);
    case "optional":
      return r.default === undefined
        ? v.optional(build(r.inner))
        : v.optional(build(r.inner), r.default as never);
    case "nullable":
      return r.default === undefined
        ? v.nullable(build(r.inner))
        : v.nullable(build(r.inner), r.default as never);
    case "nullish":
      return r.default === undefined
        ? v.nullish(build(r.inner))
        : v.nullish(build(r.inner), r.default as never);
    case "fallback":
      return v.fallback(build(r.inner) as Pipeable, r.value as never);
    case "object":
      return v.object(entries(r.entries));
    case "loose_object":
      return v.looseObject(entries(r.entries));
    case "strict_object":
      return v.strictObject(entries(r.entries));
    case "object_with_rest":
      return v.objectWithRest(entries(r.entries), build(r.rest));
    case "array":
      return piped(v.array(build(r.item)), r.actions.map(arrayAction) as never[]);
    case "tuple":
      return v.tuple(r.items.map(build));
    case "loose_tuple":
      return v.looseTuple(r.items.map(build));
    case "strict_tuple":
      return v.strictTuple(r.items.map(build));
    case "tuple_with_rest":
      return v.tupleWithRest(r.items.map(build), build(r.rest));
    case "record":
      return v.record(build(r.key) as v.GenericSchema<string, string>, build(r.value));
    case "union":
      return v.union(r.options.map(build));
    case "variant":
      return v.variant(
        r.key,
        r.options.map((o) =>
          v.object({ [r.key]: v.literal(o.tag), ...entries(o.entries) }),
        ) as never,
      );
  }
}
