import { joinExpected, msg, repr } from "../errors/messages";
import type { ErrorItem, SchemaView } from "../types";
import { parseBoolString, parseFloatString } from "./coerce";
import { absentPolicy, expectation, unwrap } from "./introspect";
import type { Node } from "./node";
import { isObjectInput } from "./objects";
import { fail, INVALID, type RunState } from "./state";
import type { Compile } from "./wrappers";

/** picklist / enum / literal: exact, case-sensitive; a numeric or boolean option also matches its string form in lax mode. */
export function choiceNode(values: readonly unknown[], type: "literal_error" | "enum"): Node {
  const set = new Set(values);
  const hasNumbers = values.some((value) => typeof value === "number");
  const hasBooleans = values.some((value) => typeof value === "boolean");
  const expected = joinExpected(values.map(repr));
  const message = msg.expected(expected);
  return (input, st) => {
    if (set.has(input)) return input;
    if (st.lax && typeof input === "string") {
      if (hasNumbers) {
        const n = parseFloatString(input);
        if (n !== undefined && set.has(n)) return n;
      }
      if (hasBooleans) {
        const b = parseBoolString(input);
        if (b !== undefined && set.has(b)) return b;
      }
    }
    return fail(st, type, message, input, { expected });
  };
}

/** Values a schema accepts when it is a literal/picklist/enum (after unwrapping), else undefined. */
export function choiceValues(schema: SchemaView): readonly unknown[] | undefined {
  const s = unwrap(schema);
  if (s.type === "literal") return [s.literal];
  if (s.type === "picklist" || s.type === "enum") return s.options ?? [];
  return undefined;
}

// Errors that only say "not this type"; an option failing with one of these at the union's
// own loc did not match at all, any other failure means the option matched the shape.
const TYPE_LEVEL = new Set([
  "string_type",
  "float_type",
  "float_parsing",
  "int_type",
  "int_parsing",
  "int_from_float",
  "bool_type",
  "bool_parsing",
  "date_type",
  "date_from_datetime_parsing",
  "datetime_type",
  "datetime_parsing",
  "datetime_from_date_parsing",
  "time_type",
  "time_parsing",
  "time_delta_type",
  "time_delta_parsing",
  "literal_error",
  "enum",
  "model_attributes_type",
  "list_type",
  "dict_type",
  "tuple_type",
  "none_required",
  "finite_number",
]);

/**
 * v.union. From request strings: options in order, first success wins. Otherwise a strict
 * pass (no string coercion) runs first so `"5"` stays a string when a string option exists,
 * like pydantic's smart mode, then a lax pass in order.
 */
export function unionNode(s: SchemaView, compile: Compile): Node {
  const schemas = (s.options ?? []) as SchemaView[];
  const options = schemas.map(compile);
  const literals = schemas.map(choiceValues);
  const allLiterals = literals.every((values) => values !== undefined);
  const expected = allLiterals
    ? joinExpected(literals.flatMap((values) => (values ?? []).map(repr)))
    : joinExpected(schemas.map(expectation));

  return (input, st) => {
    const mark = st.errors.length;
    if (st.lax && !st.strings) {
      st.lax = false;
      for (const option of options) {
        const out = option(input, st);
        st.errors.length = mark;
        if (out !== INVALID) {
          st.lax = true;
          return out;
        }
      }
      st.lax = true;
    }
    let failures: ErrorItem[][] | undefined;
    for (const option of options) {
      const out = option(input, st);
      if (out !== INVALID) {
        st.errors.length = mark;
        return out;
      }
      if (failures === undefined) failures = [];
      failures.push(st.errors.splice(mark));
    }
    return reportUnion(st, input, failures ?? [], allLiterals, expected);
  };
}

function reportUnion(
  st: RunState,
  input: unknown,
  failures: ErrorItem[][],
  allLiterals: boolean,
  expected: string,
) {
  const depth = st.path.length;
  const typeLevel = (errors: ErrorItem[]) =>
    errors.length === 1 &&
    (errors[0] as ErrorItem).loc.length === depth &&
    TYPE_LEVEL.has((errors[0] as ErrorItem).type);
  let best: ErrorItem[] | undefined;
  for (const errors of failures) {
    if (!typeLevel(errors) && (best === undefined || errors.length < best.length)) best = errors;
  }
  if (best !== undefined) {
    for (const error of best) st.errors.push(error);
    return INVALID;
  }
  if (allLiterals) return fail(st, "literal_error", msg.expected(expected), input, { expected });
  const first = failures[0]?.[0];
  return fail(st, first?.type ?? "union_type", msg.expected(expected), input);
}

interface VariantLeaf {
  readonly node: Node;
  readonly tags: readonly { key: string; node: Node; optional: boolean }[];
}

/** v.variant: the discriminator picks the option; a bad tag is one error at the variant's loc. */
export function variantNode(s: SchemaView, compile: Compile): Node {
  const key = s.key as string;
  const leaves: VariantLeaf[] = [];
  const expectedTags: string[] = [];
  const collect = (variant: SchemaView, keys: string[]) => {
    for (const option of (variant.options ?? []) as SchemaView[]) {
      if (option.type === "variant") {
        collect(option, [...keys, option.key as string]);
        continue;
      }
      const entries = option.entries ?? {};
      const tags = keys.map((k) => {
        const tagSchema = entries[k] as SchemaView;
        return {
          key: k,
          node: compile(tagSchema),
          optional: absentPolicy(tagSchema).kind !== "required",
        };
      });
      for (const value of choiceValues(entries[key] as SchemaView) ?? [])
        expectedTags.push(repr(value));
      leaves.push({ node: compile(option), tags });
    }
  };
  collect(s, [key]);
  const expected = expectedTags.join(", ");

  const matches = (leaf: VariantLeaf, input: Record<string, unknown>, st: RunState) => {
    const mark = st.errors.length;
    for (const tag of leaf.tags) {
      const value = input[tag.key];
      const ok = value === undefined ? tag.optional : tag.node(value, st) !== INVALID;
      st.errors.length = mark;
      if (!ok) return false;
    }
    return true;
  };

  return (input, st) => {
    if (!isObjectInput(input)) return fail(st, "model_attributes_type", msg.modelType, input);
    for (const leaf of leaves) {
      if (matches(leaf, input, st)) return leaf.node(input, st);
    }
    const tag = Object.hasOwn(input, key) ? input[key] : undefined;
    if (tag === undefined) {
      return fail(st, "union_tag_not_found", msg.tagNotFound(key), input, {
        discriminator: `'${key}'`,
      });
    }
    return fail(st, "union_tag_invalid", msg.tagInvalid(String(tag), key, expected), input, {
      discriminator: `'${key}'`,
      tag: String(tag),
      expected_tags: expected,
    });
  };
}
