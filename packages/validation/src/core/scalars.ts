import { msg } from "../errors/messages";
import { isIntString, parseBoolString, parseFloatString, parseIntString } from "./coerce";
import { parseIsoDate } from "./dates";
import type { Node } from "./node";
import { fail } from "./state";

// Scalar nodes. In lax mode (every entry point, except the strict first pass of a union)
// strings are parsed by apps/reference/SPEC.md §1.8's rules; that covers
// query/path/header/cookie/form strings and pydantic's lax JSON rules ("12.5" for a float
// field) with one code path.

export const stringNode: Node = (input, st) =>
  typeof input === "string" ? input : fail(st, "string_type", msg.stringType, input);

export const floatNode: Node = (input, st) => {
  if (typeof input === "number") {
    return !Number.isNaN(input) ? input : fail(st, "finite_number", msg.finiteNumber, input);
  }
  if (typeof input === "string" && st.lax) {
    const n = parseFloatString(input);
    return n === undefined ? fail(st, "float_parsing", msg.floatParsing, input) : n;
  }
  return fail(st, "float_type", msg.floatType, input);
};

/**
 * `v.pipe(v.number(), v.integer())`: integers only, never a silent truncation — nor a silent
 * rounding: past ±(2^53 − 1) a JS number no longer holds the integer sent, so it is refused
 * (use `v.bigint()` for larger values).
 */
export const intNode: Node = (input, st) => {
  if (typeof input === "number") {
    if (Number.isSafeInteger(input)) return input;
    if (Number.isInteger(input)) return fail(st, "int_parsing_size", msg.intParsingSize, input);
    if (!Number.isFinite(input)) return fail(st, "finite_number", msg.finiteNumber, input);
    return fail(st, "int_from_float", msg.intFromFloat, input);
  }
  if (typeof input === "string" && st.lax) {
    const n = parseIntString(input);
    if (n === undefined) return fail(st, "int_parsing", msg.intParsing, input);
    return Number.isSafeInteger(n) ? n : fail(st, "int_parsing_size", msg.intParsingSize, input);
  }
  return fail(st, "int_type", msg.intType, input);
};

export const bigintNode: Node = (input, st) => {
  if (typeof input === "bigint") return input;
  if (typeof input === "number" && Number.isInteger(input)) return BigInt(input);
  if (typeof input === "string" && st.lax) {
    return isIntString(input) ? BigInt(input) : fail(st, "int_parsing", msg.intParsing, input);
  }
  if (typeof input === "number" && Number.isFinite(input)) {
    return fail(st, "int_from_float", msg.intFromFloat, input);
  }
  return fail(st, "int_type", msg.intType, input);
};

export const booleanNode: Node = (input, st) => {
  if (typeof input === "boolean") return input;
  if (st.lax) {
    if (typeof input === "string") {
      const b = parseBoolString(input);
      return b === undefined ? fail(st, "bool_parsing", msg.boolParsing, input) : b;
    }
    // pydantic's lax mode also takes the integers 0 and 1.
    if (input === 0 || input === 1) return input === 1;
  }
  return fail(st, "bool_type", msg.boolType, input);
};

/** `v.date()`: a Date, or (lax) a `YYYY-MM-DD` / ISO date-time string. */
export const dateNode: Node = (input, st) => {
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? fail(st, "date_type", msg.dateType, input) : input;
  }
  if (typeof input === "string" && st.lax) {
    const parsed = parseIsoDate(input, true);
    if (parsed.ok) return parsed.date;
    return fail(st, "date_from_datetime_parsing", msg.dateOrDatetime(parsed.reason), input, {
      error: parsed.reason,
    });
  }
  return fail(st, "date_type", msg.dateType, input);
};

export const nullNode: Node = (input, st) =>
  input === null ? null : fail(st, "none_required", msg.noneRequired, input);

export const anyNode: Node = (input) => input;
