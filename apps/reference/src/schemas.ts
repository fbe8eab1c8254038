import * as v from "valibot";

// Small builders for the types apps/reference/SPEC.md names in Python (`int`, `float`, `str`),
// so each route reads like its line in the spec.

/** Python `int` with optional bounds (`gt`, `ge`, `lt`, `le`). */
export function int(bounds: Bounds = {}) {
  return v.pipe(v.number(), v.integer(), ...boundActions(bounds));
}

/** Python `float` with optional bounds. */
export function float(bounds: Bounds = {}) {
  return v.pipe(v.number(), ...boundActions(bounds));
}

/** Python `str` with optional lengths (in code points) and a fully anchored pattern. */
export function str(constraints: { min?: number; max?: number; pattern?: RegExp } = {}) {
  const actions: v.PipeItem<string, string, v.BaseIssue<unknown>>[] = [];
  if (constraints.min !== undefined) actions.push(v.minLength(constraints.min));
  if (constraints.max !== undefined) actions.push(v.maxLength(constraints.max));
  if (constraints.pattern !== undefined) actions.push(v.regex(constraints.pattern));
  return v.pipe(v.string(), ...actions);
}

export interface Bounds {
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
}

function boundActions(bounds: Bounds): v.PipeItem<number, number, v.BaseIssue<unknown>>[] {
  const actions: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [];
  if (bounds.gt !== undefined) actions.push(v.gtValue(bounds.gt));
  if (bounds.ge !== undefined) actions.push(v.minValue(bounds.ge));
  if (bounds.lt !== undefined) actions.push(v.ltValue(bounds.lt));
  if (bounds.le !== undefined) actions.push(v.maxValue(bounds.le));
  return actions;
}
