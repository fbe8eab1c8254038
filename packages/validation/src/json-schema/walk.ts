import type { GenericSchema } from "valibot";
import { absentPolicy } from "../core/introspect";
import { getName } from "../naming";
import type { SchemaView } from "../types";

export interface SchemaIndex {
  /** Named schemas reachable from the root, by name. */
  named: Map<string, SchemaView>;
  /** A readable path (`$.items[].price`) for each schema and pipe action, for error messages. */
  paths: WeakMap<object, string>;
}

const isSchemaLike = (value: unknown): value is SchemaView =>
  typeof value === "object" && value !== null && "kind" in value && "~run" in value;

/** Walks a schema once (lazy getters included, cycles cut) to index names and paths. */
export function indexSchema(root: SchemaView): SchemaIndex {
  const named = new Map<string, SchemaView>();
  const paths = new WeakMap<object, string>();
  const seen = new Set<SchemaView>();
  const stack: Array<[SchemaView, string]> = [[root, "$"]];
  const push = (s: unknown, path: string) => {
    if (isSchemaLike(s)) stack.push([s, path]);
  };
  while (stack.length > 0) {
    const [s, path] = stack.pop() as [SchemaView, string];
    if (!paths.has(s)) paths.set(s, path);
    if (seen.has(s)) continue;
    seen.add(s);
    const name = getName(s as unknown as GenericSchema);
    if (name !== undefined) {
      const existing = named.get(name);
      if (existing !== undefined && existing !== s) {
        throw new Error(
          `Two different schemas are named "${name}" (at ${paths.get(existing)} and ${path})`,
        );
      }
      named.set(name, s);
    }
    if (s.pipe !== undefined) {
      for (const item of s.pipe) {
        if (item.kind === "schema") push(item, path);
        else if (!paths.has(item)) paths.set(item, path);
      }
      continue;
    }
    push(s.wrapped, path);
    for (const [key, entry] of Object.entries(s.entries ?? {})) push(entry, `${path}.${key}`);
    push(s.rest, `${path}[rest]`);
    push(s.item, `${path}[]`);
    for (const [i, item] of (s.items ?? []).entries()) push(item, `${path}[${i}]`);
    for (const [i, option] of (s.options ?? []).entries()) push(option, `${path}<option ${i}>`);
    push(s.key, `${path}<key>`);
    push(s.value, `${path}{}`);
    if (s.type === "lazy" && s.getter !== undefined) push(s.getter(undefined), path);
  }
  return { named, paths };
}

// Transformations whose output has the input's JSON type: they document the same either way.
export const TYPE_PRESERVING = new Set([
  "trim",
  "trim_start",
  "trim_end",
  "to_lower_case",
  "to_upper_case",
  "normalize",
  "brand",
  "flavor",
  "readonly",
  "to_min_value",
  "to_max_value",
  "sort_items",
  "filter_items",
]);

const differsMemo = new WeakMap<object, boolean>();

function childrenOf(s: SchemaView): unknown[] {
  if (s.pipe !== undefined) return s.pipe.filter((item) => item.kind === "schema");
  const out: unknown[] = [
    s.wrapped,
    s.item,
    s.value,
    s.rest,
    ...(s.items ?? []),
    ...(s.options ?? []),
  ];
  if (s.entries !== undefined) out.push(...Object.values(s.entries));
  if (s.type === "lazy" && s.getter !== undefined) out.push(s.getter(undefined));
  return out;
}

/** A difference between input and output visible at this schema itself. */
function differsLocally(s: SchemaView): boolean {
  if (s.pipe !== undefined) {
    return s.pipe.some((item, i) =>
      item.kind === "schema"
        ? i > 0
        : item.kind === "transformation" && !TYPE_PRESERVING.has(item.type),
    );
  }
  return Object.values(s.entries ?? {}).some((entry) => {
    const policy = absentPolicy(entry);
    return (
      policy.kind === "default" ||
      policy.kind === "fallback" ||
      (policy.kind === "value" && policy.value === null)
    );
  });
}

/**
 * Whether a schema's input and output JSON Schemas differ: a default (or nullish) key is
 * optional on input but always present on output, and a transform changes the output type.
 * True when any schema reachable from it (through refs and lazy getters too) differs locally.
 */
export function differsByIo(schema: SchemaView): boolean {
  const memo = differsMemo.get(schema);
  if (memo !== undefined) return memo;
  const seen = new Set<SchemaView>([schema]);
  const queue: SchemaView[] = [schema];
  let result = false;
  while (queue.length > 0 && !result) {
    const s = queue.pop() as SchemaView;
    if (differsLocally(s)) result = true;
    for (const child of childrenOf(s)) {
      if (isSchemaLike(child) && !seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  differsMemo.set(schema, result);
  return result;
}
