import * as v from "valibot";
import { absentPolicy, isWrapper, pipeRoot } from "../../src/core/introspect";
import type { SchemaView } from "../../src/types";

// Where the core differs from valibot on purpose, because it answers as FastAPI/pydantic do.
// The property test compares the two engines everywhere else. Differences it side-steps by
// construction rather than here (the generators never produce the inputs):
// - Strings from path/query/headers and pydantic's lax JSON rules ("5" for a number, "yes"
//   for a boolean, 0/1 for a boolean, ISO strings for a date): the core coerces them. The
//   strict comparison runs the core without coercion; the lax one only checks that whatever
//   valibot accepts the core accepts with the same output.
// - Error types and wording are pydantic's (`missing`, `string_too_short`, ...); valibot's
//   issues are mapped to them by the core's own issue map before comparing.
// - A pipe reports its first failed constraint only (pydantic: one error per value); valibot
//   reports every failed validation at the same path. Paths are compared as sets.
// - A strict object reports every unknown key (pydantic), valibot the first one only.
// - A strict tuple with extra items is one `too_long` at the tuple (pydantic), valibot an issue
//   at the first extra index.
// - A union reports pydantic's way (the closest option's errors, or one error at the union);
//   valibot nests sub-issues differently. Paths are compared up to the union's own path.
// - A variant whose discriminator matches no option: one error at the variant (pydantic's
//   union_tag_invalid / union_tag_not_found); valibot reports at the discriminator key.
// - A nullish object entry that is missing becomes `null` (FastAPI's `X | None = None`);
//   valibot leaves the key out. Compared after removing those nulls.
// - `pipe(number(), integer())` refuses integers past 2^53 (they no longer hold the value
//   sent); valibot accepts them. Generated numbers stay in the safe range.
// - String lengths count code points (Python's len()); valibot counts UTF-16 units.
//   Generated strings are ASCII.
// - `v.bigint()` takes integer numbers (pydantic's int); JSON has no bigints. Not generated.
// - `isoDate` and friends check the calendar (no 2024-02-30); valibot only the format. Not
//   generated.
// - An action piped after a wrapper (`pipe(optional(string()), minLength(2))`) skips an absent
//   value; valibot hands it `undefined` and throws. Not generated.
// - A pipe's constraints run only on a value that passed its schema (pydantic never checks
//   the length of a list whose items failed); valibot still runs them when the failure was
//   a nested constraint. Extra valibot paths must then be ancestors of the core's paths.
// - A fallback directly inside a fallback: valibot keeps the inner one in a closure, where
//   the core cannot see it; the outer fallback answers. Not generated.
// - A record key that fails its schema is reported at `[..., key, "[key]"]` (pydantic); the
//   core's issue map gives valibot's key issues the same path, so both engines agree.
// - Keys named like Object.prototype members or `__proto__`: valibot reads them with `in` or
//   skips them, the core reads own properties. Not generated (objects.test.ts covers them).

/**
 * The reason the core and valibot answer this input differently by design, or undefined.
 * Walks every option of unions (so may be conservative there).
 */
export function deliberateDifference(schema: SchemaView, input: unknown): string | undefined {
  const s = pipeRoot(schema);
  if (isWrapper(s)) {
    return input === undefined || input === null
      ? undefined
      : deliberateDifference(s.wrapped as SchemaView, input);
  }
  switch (s.type) {
    case "union":
      for (const option of (s.options ?? []) as SchemaView[]) {
        const reason = deliberateDifference(option, input);
        if (reason !== undefined) return reason;
      }
      return undefined;
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest":
    case "record":
    case "variant":
      if (Array.isArray(input)) {
        // pydantic refuses a list for a model or dict; valibot takes any object, arrays too.
        return "an array where an object is expected";
      }
      if (typeof input !== "object" || input === null) return undefined;
      return objectDifference(s, input as Record<string, unknown>);
    case "array":
    case "tuple":
    case "loose_tuple":
    case "strict_tuple":
    case "tuple_with_rest":
      return Array.isArray(input) ? arrayDifference(s, input) : undefined;
    default:
      return undefined;
  }
}

function objectDifference(s: SchemaView, input: Record<string, unknown>): string | undefined {
  if (s.type === "variant") {
    for (const option of (s.options ?? []) as SchemaView[]) {
      const reason = deliberateDifference(option, input);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }
  if (s.type === "record") {
    for (const key of Object.keys(input)) {
      const reason = deliberateDifference(s.value as SchemaView, input[key]);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }
  const entries = s.entries ?? {};
  for (const [key, entry] of Object.entries(entries)) {
    if (input[key] === undefined) {
      // JSON has no undefined: the core reads `{a: undefined}` as a missing key, valibot
      // runs the entry's schema on undefined.
      if (key in input) return `key ${key} present with the value undefined`;
      if (absentPolicy(entry).kind !== "required" && !valibotMayOmit(entry)) {
        // FastAPI: a default (or an optional wrapper anywhere inside) makes the field optional.
        return `missing key ${key}: optional for the core, required for valibot`;
      }
      continue;
    }
    const reason = deliberateDifference(entry, input[key]);
    if (reason !== undefined) return reason;
  }
  if (s.type === "object_with_rest") {
    for (const key of Object.keys(input)) {
      if (key in entries) continue;
      const reason = deliberateDifference(s.rest as SchemaView, input[key]);
      if (reason !== undefined) return reason;
    }
  }
  return undefined;
}

/** valibot's own rule for a missing key: the entry is optional/nullish/exact_optional or has a fallback. */
function valibotMayOmit(entry: SchemaView): boolean {
  return (
    entry.fallback !== undefined ||
    entry.type === "optional" ||
    entry.type === "nullish" ||
    entry.type === "exact_optional"
  );
}

function arrayDifference(s: SchemaView, input: unknown[]): string | undefined {
  const items = s.type === "array" ? [] : ((s.items ?? []) as SchemaView[]);
  for (let i = input.length; i < items.length; i++) {
    const item = items[i] as SchemaView;
    // pydantic: every tuple item is required unless it has a default or fallback; valibot runs
    // the item's schema on undefined (which unknown() or optional() accept).
    if (absentPolicy(item).kind === "required" && v.is(item as never, undefined)) {
      return `missing tuple item ${i}: required for the core`;
    }
  }
  for (let i = 0; i < input.length; i++) {
    const item = s.type === "array" ? s.item : (items[i] ?? s.rest);
    if (item === undefined) continue;
    const reason = deliberateDifference(item, input[i]);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
