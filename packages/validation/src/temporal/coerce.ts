import { type DateTimeFields, parseDateTimeFields, parseTimeFields } from "../core/dates";
import { Duration } from "./duration";
import { dateFields, formatDateTime, formatTime } from "./format";
import { parseDuration } from "./parse-duration";

/** A temporal value's coercion: the output, or pydantic's error type, message and ctx. */
export type Coerced =
  | { ok: true; value: unknown }
  | { ok: false; type: string; msg: string; ctx?: Record<string, unknown> };

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

const failed = (type: string, msg: string, error?: string): Coerced =>
  error === undefined
    ? { ok: false, type, msg }
    : { ok: false, type, msg: `${msg}, ${error}`, ctx: { error } };

/** speedate reads a number above 2e10 as milliseconds, else as seconds, since the epoch (UTC). */
function fromUnix(n: number): DateTimeFields | undefined {
  const seconds = Math.abs(n) > 2e10 ? n / 1000 : n;
  const micro = Math.round(seconds * 1_000_000);
  const date = new Date(Math.floor(micro / 1000));
  if (!Number.isFinite(micro) || Number.isNaN(date.getTime())) return undefined;
  const fields = dateFields(date);
  fields.microsecond = ((micro % 1_000_000) + 1_000_000) % 1_000_000;
  return fields;
}

/**
 * pydantic's `datetime`: an ISO string keeps its offset (or stays naive), a date alone is
 * midnight, a number is a Unix time in UTC; a Date is its UTC instant. The output is the
 * ISO string pydantic writes.
 */
export function coerceDateTime(input: unknown, lax: boolean): Coerced {
  if (input instanceof Date) {
    return Number.isNaN(input.getTime())
      ? failed("datetime_type", "Input should be a valid datetime")
      : { ok: true, value: formatDateTime(dateFields(input)) };
  }
  if (typeof input === "string") {
    const parsed = parseDateTimeFields(input, true);
    if (parsed.ok) return { ok: true, value: formatDateTime(parsed.fields) };
    if (NUMERIC.test(input)) return unix(Number(input));
    if (!lax) return failed("datetime_parsing", "Input should be a valid datetime", parsed.reason);
    // Lax: pydantic retries the input as a date and reports the date's reason.
    const asDate = parseDateTimeFields(input, false);
    const reason = asDate.ok ? parsed.reason : asDate.reason;
    return failed("datetime_from_date_parsing", "Input should be a valid datetime or date", reason);
  }
  if (typeof input === "number" && lax) return unix(input);
  return failed("datetime_type", "Input should be a valid datetime");
}

function unix(n: number): Coerced {
  const fields = Number.isFinite(n) ? fromUnix(n) : undefined;
  return fields === undefined
    ? failed("datetime_parsing", "Input should be a valid datetime", "value is too large")
    : { ok: true, value: formatDateTime(fields) };
}

/** pydantic's `time`: `HH:MM[:SS[.f]][Z|±HH:MM]`, or (lax) seconds since midnight. */
export function coerceTime(input: unknown, lax: boolean): Coerced {
  if (typeof input === "string") {
    const parsed = parseTimeFields(input, 0);
    if (parsed.ok) return { ok: true, value: formatTime(parsed.fields) };
    if (!(lax && NUMERIC.test(input))) {
      return failed("time_parsing", "Input should be in a valid time format", parsed.reason);
    }
    return secondsOfDay(Number(input));
  }
  if (typeof input === "number" && lax) return secondsOfDay(input);
  return failed("time_type", "Input should be a valid time");
}

function secondsOfDay(n: number): Coerced {
  if (!(n >= 0 && n < 86_400)) {
    return failed(
      "time_parsing",
      "Input should be in a valid time format",
      "time in seconds should be less than 86400",
    );
  }
  const micro = Math.round(n * 1_000_000);
  const seconds = Math.floor(micro / 1_000_000);
  return {
    ok: true,
    value: formatTime({
      hour: Math.floor(seconds / 3600),
      minute: Math.floor(seconds / 60) % 60,
      second: seconds % 60,
      microsecond: micro % 1_000_000,
      offset: null,
    }),
  };
}

/** pydantic's `timedelta`: an ISO 8601 duration, `[-][D day[s], ]HH:MM[:SS[.f]]`, or seconds. */
export function coerceTimedelta(input: unknown, lax: boolean): Coerced {
  if (input instanceof Duration) return { ok: true, value: input };
  if (typeof input === "number" && lax) {
    return Number.isFinite(input)
      ? { ok: true, value: Duration.fromSeconds(input) }
      : failed(
          "time_delta_parsing",
          "Input should be a valid timedelta",
          "durations may not exceed 999,999,999 days",
        );
  }
  if (typeof input === "string") {
    if (lax && NUMERIC.test(input)) return { ok: true, value: Duration.fromSeconds(Number(input)) };
    const parsed = parseDuration(input);
    return parsed.ok
      ? { ok: true, value: new Duration(parsed.microseconds) }
      : failed("time_delta_parsing", "Input should be a valid timedelta", parsed.reason);
  }
  return failed("time_delta_type", "Input should be a valid timedelta");
}
