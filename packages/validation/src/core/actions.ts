import { msg } from "../errors/messages";
import type { Dataset, SchemaView } from "../types";
import { codePointLength } from "./coerce";
import { parseIsoDate } from "./dates";
import { pushIssue } from "./issue-map";
import { fail, INVALID, type RunState } from "./state";

/**
 * A validation action: true when `value` passes, else false after pushing errors. `input` is
 * what the pipe received (the raw string for a query value): errors report it, as pydantic does.
 */
export type Check = (value: unknown, st: RunState, input: unknown) => boolean;
/** A transformation action: the new value, or INVALID after pushing errors. */
export type Transform = (value: unknown, st: RunState, input: unknown) => unknown;

/** The action's own message (string or function), as valibot would compute it. */
function customMessage(action: SchemaView, input: unknown): string | undefined {
  const m = action.message;
  if (typeof m === "string") return m;
  if (typeof m !== "function") return undefined;
  return String(
    m({
      kind: action.kind,
      type: action.type,
      input,
      expected: action.expects ?? null,
      received: String(input),
      message: "",
      requirement: action.requirement,
    }),
  );
}

/**
 * Runs any valibot action through its own `~run` with one reused dataset (the run is
 * synchronous, so one per compiled action is enough and the happy path allocates nothing).
 */
function delegate(
  action: SchemaView,
  config: unknown,
): (value: unknown, st: RunState, input: unknown) => Dataset | undefined {
  const ds: Dataset = { typed: true, value: undefined, issues: undefined };
  return (value, st, input) => {
    ds.typed = true;
    ds.value = value;
    ds.issues = undefined;
    const out = action["~run"](ds, config);
    if (out.issues === undefined) return out;
    for (const issue of out.issues) pushIssue(st, issue, action, { input });
    ds.issues = undefined;
    ds.value = undefined;
    return undefined;
  };
}

/** String lengths in code points (FastAPI's len()), array lengths in items. */
function lengthCheck(action: SchemaView, config: unknown): Check {
  const fallback = delegate(action, config);
  const req = action.requirement as number;
  const min =
    action.type === "max_length" || action.type === "empty"
      ? -1
      : action.type === "non_empty"
        ? 1
        : req;
  const max =
    action.type === "min_length" || action.type === "non_empty"
      ? Number.POSITIVE_INFINITY
      : action.type === "empty"
        ? 0
        : req;
  return (value, st, input) => {
    let n: number;
    if (typeof value === "string") n = codePointLength(value);
    else if (Array.isArray(value)) n = value.length;
    else return fallback(value, st, input) !== undefined;
    if (n >= min && n <= max) return true;
    const short = n < min;
    const limit = short ? min : max;
    const custom = customMessage(action, value);
    if (typeof value === "string") {
      if (short)
        fail(st, "string_too_short", custom ?? msg.stringTooShort(limit), input, {
          min_length: limit,
        });
      else
        fail(st, "string_too_long", custom ?? msg.stringTooLong(limit), input, {
          max_length: limit,
        });
    } else if (short) {
      fail(st, "too_short", custom ?? msg.tooShort(limit, n), input, {
        field_type: "List",
        min_length: limit,
        actual_length: n,
      });
    } else {
      fail(st, "too_long", custom ?? msg.tooLong(limit, n), input, {
        field_type: "List",
        max_length: limit,
        actual_length: n,
      });
    }
    return false;
  };
}

/** valibot's isoDate regex lets 2024-02-30 through; a real calendar date is required here. */
function isoDateCheck(action: SchemaView): Check {
  return (value, st, input) => {
    if (typeof value !== "string") return true;
    const parsed = parseIsoDate(value, false);
    if (parsed.ok) return true;
    fail(
      st,
      "date_parsing",
      customMessage(action, value) ?? msg.dateParsing(parsed.reason),
      input,
      { error: parsed.reason },
    );
    return false;
  };
}

function isoDateTimeCheck(action: SchemaView): Check {
  const format = action.requirement as RegExp;
  return (value, st, input) => {
    if (typeof value !== "string") return true;
    format.lastIndex = 0;
    const parsed = parseIsoDate(value, true);
    if (format.test(value) && parsed.ok) return true;
    const reason = parsed.ok ? "invalid format" : parsed.reason;
    fail(
      st,
      "datetime_parsing",
      customMessage(action, value) ?? msg.datetimeParsing(reason),
      input,
      { error: reason },
    );
    return false;
  };
}

const BOUNDS: Record<
  string,
  {
    type: string;
    key: string;
    message: (v: unknown) => string;
    passes: (value: never, limit: never) => boolean;
  }
> = {
  min_value: {
    type: "greater_than_equal",
    key: "ge",
    message: msg.greaterThanEqual,
    passes: (a, b) => a >= b,
  },
  max_value: {
    type: "less_than_equal",
    key: "le",
    message: msg.lessThanEqual,
    passes: (a, b) => a <= b,
  },
  gt_value: { type: "greater_than", key: "gt", message: msg.greaterThan, passes: (a, b) => a > b },
  lt_value: { type: "less_than", key: "lt", message: msg.lessThan, passes: (a, b) => a < b },
};

/** minValue/maxValue/gtValue/ltValue compared natively (the hot constraints of path/query ints). */
function boundCheck(action: SchemaView): Check {
  const bound = BOUNDS[action.type] as (typeof BOUNDS)[string];
  const limit = action.requirement as never;
  const { type, key, passes } = bound;
  const message = bound.message(limit);
  return (value, st, input) => {
    if (passes(value as never, limit)) return true;
    fail(st, type, customMessage(action, value) ?? message, input, { [key]: limit });
    return false;
  };
}

export function compileCheck(action: SchemaView, config: unknown): Check {
  switch (action.type) {
    case "min_value":
    case "max_value":
    case "gt_value":
    case "lt_value":
      return boundCheck(action);
    case "min_length":
    case "max_length":
    case "length":
    case "non_empty":
    case "empty":
      return lengthCheck(action, config);
    case "iso_date":
      return isoDateCheck(action);
    case "iso_date_time":
    case "iso_date_time_second":
    case "iso_timestamp":
      return isoDateTimeCheck(action);
    default: {
      const run = delegate(action, config);
      return (value, st, input) => run(value, st, input) !== undefined;
    }
  }
}

export function compileTransform(action: SchemaView, config: unknown): Transform {
  const run = delegate(action, config);
  return (value, st, input) => {
    const out = run(value, st, input);
    return out === undefined ? INVALID : out.value;
  };
}
