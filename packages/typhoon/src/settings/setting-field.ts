import { compileBody, compileField, type ErrorItem } from "@typhoon/validation";
import type { GenericSchema } from "valibot";

/**
 * How a variable's text becomes a value:
 * - `scalar`: coerced like a query parameter (numbers, booleans `true/1/yes/on`, dates, picklists...);
 * - `list`: an array of scalars, from a JSON array (`["a","b"]`) or comma-separated text (`a, b`);
 * - `json`: anything structured (objects, records, tuples, arrays of objects...) is JSON.
 */
export type SettingKind = "scalar" | "list" | "json";

/** Reads one variable: undefined when absent; pushes errors (loc starts with the name). */
export type SettingField = (raw: string | undefined, errors: ErrorItem[]) => unknown;

/** The structural bits of a valibot schema this file reads. */
interface SchemaShape {
  readonly type: string;
  readonly pipe?: readonly SchemaShape[];
  readonly wrapped?: SchemaShape;
  readonly item?: SchemaShape;
}

const WRAPPERS = new Set([
  "optional",
  "exact_optional",
  "undefinedable",
  "nullish",
  "nullable",
  "non_optional",
  "non_nullable",
  "non_nullish",
]);
const STRUCTURED = new Set([
  "object",
  "loose_object",
  "strict_object",
  "object_with_rest",
  "record",
  "tuple",
  "loose_tuple",
  "strict_tuple",
  "tuple_with_rest",
  "variant",
  "intersect",
  "map",
  "set",
  "lazy",
  "array",
]);

/** The value's own schema under pipes and optional/nullable wrappers. */
function unwrap(schema: SchemaShape): SchemaShape {
  let s = schema;
  // A pipe's first item is its root schema; wrappers nest. Both are finite trees.
  for (;;) {
    if (s.pipe !== undefined && s.pipe.length > 0 && s.pipe[0] !== s) s = s.pipe[0] as SchemaShape;
    else if (WRAPPERS.has(s.type) && s.wrapped !== undefined) s = s.wrapped;
    else return s;
  }
}

export function settingKind(schema: GenericSchema): SettingKind {
  const s = unwrap(schema as unknown as SchemaShape);
  if (s.type === "array" && s.item !== undefined) {
    return STRUCTURED.has(unwrap(s.item).type) ? "json" : "list";
  }
  return STRUCTURED.has(s.type) ? "json" : "scalar";
}

export interface SettingFieldOptions {
  /** The variable's name: the first element of every error's loc. */
  name: string;
  /** An empty value counts as absent (the default, or `missing`). */
  ignoreEmpty: boolean;
}

export function compileSettingField(
  schema: GenericSchema,
  options: SettingFieldOptions,
): SettingField {
  const loc = [options.name];
  const kind = settingKind(schema);
  const structured = compileBody(schema, { loc });
  const scalar = kind === "json" ? null : compileField(schema, { loc });

  const parseJson = (raw: string, errors: ErrorItem[]): unknown => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // JSON.parse's message quotes the input: it may be a secret, so it is not repeated.
      errors.push({ type: "json_invalid", loc, msg: "Invalid JSON", input: raw });
      return undefined;
    }
    return structured(parsed, errors);
  };

  return (raw, errors) => {
    const value = raw === "" && options.ignoreEmpty ? undefined : raw;
    if (value === undefined) return (scalar ?? structured)(undefined, errors);
    if (kind === "json") return parseJson(value, errors);
    if (kind === "scalar") return (scalar as NonNullable<typeof scalar>)(value, errors);
    const text = value.trim();
    if (text.startsWith("[")) return parseJson(text, errors);
    // An empty variable is an empty list, which the schema may still reject (v.minLength).
    if (text === "") return structured([], errors);
    const items = text.split(",").map((item) => item.trim());
    return (scalar as NonNullable<typeof scalar>)(items, errors);
  };
}
