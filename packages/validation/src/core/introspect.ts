import type { GenericSchema } from "valibot";
import { joinExpected, repr } from "../errors/messages";
import type { SchemaView } from "../types";

/** Reads any valibot schema or action through the structural {@link SchemaView}. */
export function view(schema: GenericSchema | SchemaView | unknown): SchemaView {
  return schema as SchemaView;
}

const OPTIONAL_TYPES = new Set(["optional", "exact_optional", "undefinedable", "nullish"]);
const WRAPPER_TYPES = new Set([
  ...OPTIONAL_TYPES,
  "nullable",
  "non_optional",
  "non_nullable",
  "non_nullish",
]);

export function isWrapper(s: SchemaView): boolean {
  return WRAPPER_TYPES.has(s.type) && s.wrapped !== undefined;
}

/** The schema a pipe starts with (a pipe copies its root's fields but runs its own items). */
export function pipeRoot(s: SchemaView): SchemaView {
  while (s.pipe !== undefined && s.pipe.length > 0 && s.pipe[0] !== s) s = s.pipe[0] as SchemaView;
  return s;
}

/** Strips pipes and optional/nullable-style wrappers down to the value's own schema. */
export function unwrap(s: SchemaView): SchemaView {
  for (;;) {
    s = pipeRoot(s);
    if (!isWrapper(s)) return s;
    s = s.wrapped as SchemaView;
  }
}

/** What an absent value (missing key, missing parameter) turns into. */
export type AbsentPolicy =
  | { readonly kind: "required" }
  /** Run the schema on `defaultOf(holder)`. */
  | { readonly kind: "default"; readonly holder: SchemaView }
  /** v.fallback: the fallback value, as is. */
  | { readonly kind: "fallback"; readonly holder: SchemaView }
  /** Absent stays absent (`undefined`) or becomes `null` (nullish: FastAPI's `X | None = None`). */
  | { readonly kind: "value"; readonly value: null | undefined };

const FALLBACK_DEFAULT_TYPES = new Set(["optional", "exact_optional", "nullish"]);
const REQUIRED: AbsentPolicy = { kind: "required" };
const ABSENT_UNDEFINED: AbsentPolicy = { kind: "value", value: undefined };
const ABSENT_NULL: AbsentPolicy = { kind: "value", value: null };

/**
 * A value may be absent when its schema is optional/exact_optional/undefinedable/nullish or
 * carries a default (a nullable with a default counts too). Walks pipes and wrappers from the
 * outside in; the first wrapper that decides wins.
 */
export function absentPolicy(schema: SchemaView): AbsentPolicy {
  if (schema.fallback !== undefined) {
    // As valibot does: a fallback over an optional with a default gives the default first.
    const takesDefault = FALLBACK_DEFAULT_TYPES.has(schema.type) && schema.default !== undefined;
    return { kind: takesDefault ? "default" : "fallback", holder: schema };
  }
  let s = schema;
  for (;;) {
    s = pipeRoot(s);
    if (!isWrapper(s)) return REQUIRED;
    if (s.type === "non_optional" || s.type === "non_nullish") return REQUIRED;
    if (s.default !== undefined && s.type !== "non_nullable") return { kind: "default", holder: s };
    if (s.type === "nullish") return ABSENT_NULL;
    if (OPTIONAL_TYPES.has(s.type)) return ABSENT_UNDEFINED;
    s = s.wrapped as SchemaView;
  }
}

/** Whether `null` is a value of the schema itself (not "absent"). */
export function acceptsNull(schema: SchemaView): boolean {
  let s = schema;
  for (;;) {
    s = pipeRoot(s);
    if (s.type === "nullable" || s.type === "nullish") return true;
    if (s.type === "null" || s.type === "any" || s.type === "unknown") return true;
    if (s.type === "non_nullable" || s.type === "non_nullish" || !isWrapper(s)) return false;
    s = s.wrapped as SchemaView;
  }
}

/** Whether a pipe turns a number schema into an integer one. */
export function hasIntegerAction(s: SchemaView): boolean {
  return s.pipe?.some((item) => item.type === "integer" || item.type === "safe_integer") ?? false;
}

/** The phrase after "Input should be" for a schema, used when every union option failed. */
export function expectation(schema: SchemaView): string {
  let integer = false;
  let s = schema;
  for (;;) {
    integer ||= hasIntegerAction(s);
    if (s.pipe !== undefined && s.pipe[0] !== undefined) s = s.pipe[0];
    else if (isWrapper(s)) s = s.wrapped as SchemaView;
    else break;
  }
  switch (s.type) {
    case "string":
      return "a valid string";
    case "number":
      return integer ? "a valid integer" : "a valid number";
    case "bigint":
      return "a valid integer";
    case "boolean":
      return "a valid boolean";
    case "date":
      return "a valid date or datetime";
    case "datetime":
      return "a valid datetime";
    case "time":
      return "a valid time";
    case "timedelta":
      return "a valid timedelta";
    case "null":
      return "None";
    case "literal":
      return repr(s.literal);
    case "picklist":
    case "enum":
      return joinExpected((s.options ?? []).map(repr));
    case "array":
      return "a valid list";
    case "tuple":
    case "loose_tuple":
    case "strict_tuple":
    case "tuple_with_rest":
      return "a valid tuple";
    case "record":
      return "a valid dictionary";
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest":
    case "variant":
      return "a valid dictionary or object";
    default:
      return s.expects ? `of type ${s.expects}` : "valid";
  }
}
