import type { GenericSchema } from "valibot";
import { unwrap, view } from "./core/introspect";
import type { SchemaView } from "./types";

const OBJECTS = new Set([
  "object",
  "loose_object",
  "strict_object",
  "object_with_rest",
  "record",
  "variant",
]);
const ARRAYS = new Set(["array", "tuple", "loose_tuple", "strict_tuple", "tuple_with_rest"]);
const SCALARS = new Set([
  "string",
  "number",
  "bigint",
  "boolean",
  "date",
  // The temporal schemas of this package.
  "datetime",
  "time",
  "timedelta",
  "picklist",
  "enum",
  "literal",
]);

function shapeOf(s: SchemaView, seen: Set<SchemaView>): "object" | "array" | "scalar" | "other" {
  s = unwrap(s);
  if (OBJECTS.has(s.type)) return "object";
  if (ARRAYS.has(s.type)) return "array";
  if (SCALARS.has(s.type)) return "scalar";
  if (s.type === "lazy" && s.getter !== undefined && !seen.has(s)) {
    seen.add(s);
    return shapeOf(view(s.getter(undefined)), seen);
  }
  if (
    (s.type === "union" || s.type === "intersect") &&
    s.options !== undefined &&
    s.options.length > 0
  ) {
    const shapes = new Set((s.options as SchemaView[]).map((option) => shapeOf(option, seen)));
    if (shapes.size === 1) return [...shapes][0] as "object" | "array" | "scalar" | "other";
  }
  return "other";
}

/**
 * The kind of value a schema describes after unwrapping optional/nullable/pipe (and lazy; a
 * union or intersect whose options agree): the umbrella's FastAPI rule "a bare object schema
 * in params is the body" reads it.
 */
export function schemaShape(schema: GenericSchema): "object" | "array" | "scalar" | "other" {
  return shapeOf(view(schema), new Set());
}
