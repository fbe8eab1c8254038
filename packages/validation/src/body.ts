import type { GenericSchema } from "valibot";
import { resolveAbsent } from "./core/absent";
import { compileNode } from "./core/compile";
import { absentPolicy, acceptsNull, view } from "./core/introspect";
import { createState, INVALID, StateSlot } from "./core/state";
import type { ErrorItem, Loc } from "./types";

export interface BodyValidator {
  /** No default and not optional/nullish: a missing body (or JSON `null`) is `missing`. */
  readonly required: boolean;
  /**
   * `value`: the parsed JSON (undefined = no body). Returns the validated value, or undefined
   * after pushing ≥1 error into `errors`.
   */
  (value: unknown, errors: ErrorItem[]): unknown;
}

export interface BodyOptions {
  /** `["body"]` for a single body, `["body", name]` for an embedded one. */
  loc: Loc;
}

/**
 * Compiles a JSON body (or one embedded body parameter) with pydantic's lax rules: numeric
 * strings for numbers, integer strings for integers, ISO strings for v.date() ...
 */
export function compileBody(schema: GenericSchema, options: BodyOptions): BodyValidator {
  const s = view(schema);
  const node = compileNode(s);
  const policy = absentPolicy(s);
  // JSON null for a body that does not accept null counts as "no body"
  // (apps/reference/SPEC.md §1.6).
  const nullIsAbsent = !acceptsNull(s);
  const slot = new StateSlot(options.loc);

  const body = (value: unknown, errors: ErrorItem[]): unknown => {
    const st = slot.acquire(errors);
    try {
      const absent = value === undefined || (value === null && nullIsAbsent);
      const out = absent ? resolveAbsent(policy, node, st) : node(value, st);
      return out === INVALID ? undefined : out;
    } finally {
      slot.release(st);
    }
  };
  return Object.defineProperty(body, "required", {
    value: policy.kind === "required",
    enumerable: true,
  }) as BodyValidator;
}

/**
 * Validates any value against a schema (lax JSON rules), errors' locs prefixed with `loc`.
 * Compiles on first use per schema; prefer {@link compileBody} on a hot path.
 */
export function validate(
  schema: GenericSchema,
  value: unknown,
  loc: Loc,
  errors: ErrorItem[],
): unknown {
  const st = createState(loc);
  st.errors = errors;
  const out = compileNode(view(schema))(value, st);
  return out === INVALID ? undefined : out;
}
