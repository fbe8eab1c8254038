// ISO 8601 dates and date-times with pydantic's (speedate's) error reasons, so a bad value
// gets "day value is outside expected range" rather than a bare "invalid".

export type DateParse = { ok: true; date: Date } | { ok: false; reason: string };

/** A parsed date-time as written: `offset` in seconds east of UTC, null when naive. */
export interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  offset: number | null;
}

export type FieldsParse = { ok: true; fields: DateTimeFields } | { ok: false; reason: string };

const TOO_SHORT = "input is too short";
const EXTRA = "unexpected extra characters at the end of the input";

const isDigit = (c: number) => c >= 48 && c <= 57;

function digits(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * Parses `YYYY-MM-DD` (a real calendar date) and, when `allowTime`, an ISO date-time
 * `YYYY-MM-DD[T ]HH:MM[:SS[.f]][Z|±HH[:MM]]`. A value without a zone is read as UTC, so the
 * result does not depend on the server's time zone.
 */
export function parseIsoDate(s: string, allowTime: boolean): DateParse {
  const parsed = parseDateTimeFields(s, allowTime);
  if (!parsed.ok) return parsed;
  const f = parsed.fields;
  return {
    ok: true,
    date: utc(
      f.year,
      f.month,
      f.day,
      f.hour,
      f.minute,
      f.second,
      Math.floor(f.microsecond / 1000),
      (f.offset ?? 0) / 60,
    ),
  };
}

/** {@link parseIsoDate}'s grammar, keeping the fields as written (offset, microseconds). */
export function parseDateTimeFields(s: string, allowTime: boolean): FieldsParse {
  if (s.length < 10) return fail(TOO_SHORT);
  const year = digits(s, 0, 4);
  if (year < 0) return fail("invalid character in year");
  if (s[4] !== "-") return fail("invalid date separator, expected `-`");
  const month = digits(s, 5, 2);
  if (month < 0) return fail("invalid character in month");
  if (s[7] !== "-") return fail("invalid date separator, expected `-`");
  const day = digits(s, 8, 2);
  if (day < 0) return fail("invalid character in day");
  if (month < 1 || month > 12) return fail("month value is outside expected range");
  if (day < 1 || day > daysInMonth(year, month)) return fail("day value is outside expected range");
  if (s.length === 10) {
    return {
      ok: true,
      fields: { year, month, day, hour: 0, minute: 0, second: 0, microsecond: 0, offset: null },
    };
  }
  if (!allowTime) return fail(EXTRA);
  const sep = s[10];
  if (sep !== "T" && sep !== "t" && sep !== " " && sep !== "_") {
    return fail("invalid datetime separator, expected `T`, `t`, `_` or space");
  }
  const time = parseTimeFields(s, 11);
  return time.ok ? { ok: true, fields: { ...time.fields, year, month, day } } : time;
}

export type TimeFields = Omit<DateTimeFields, "year" | "month" | "day">;
export type TimeParse = { ok: true; fields: TimeFields } | { ok: false; reason: string };

/** `HH:MM[:SS[.f]][Z|±HH[:MM]]` from `start` to the end of `s`. */
export function parseTimeFields(s: string, start: number): TimeParse {
  if (s.length < start + 5) return fail(TOO_SHORT);
  const hour = digits(s, start, 2);
  if (hour < 0) return fail("invalid character in hour");
  if (s[start + 2] !== ":") return fail("invalid time separator, expected `:`");
  const minute = digits(s, start + 3, 2);
  if (minute < 0) return fail("invalid character in minute");
  if (hour > 23) return fail("hour value is outside expected range");
  if (minute > 59) return fail("minute value is outside expected range");
  let i = start + 5;
  let second = 0;
  let microsecond = 0;
  if (s[i] === ":") {
    second = digits(s, i + 1, 2);
    if (s.length < i + 3 || second < 0) return fail("invalid character in second");
    if (second > 59) return fail("second value is outside expected range");
    i += 3;
    if (s[i] === "." || s[i] === ",") {
      const begin = ++i;
      while (i < s.length && isDigit(s.charCodeAt(i))) i++;
      const count = i - begin;
      if (count === 0) return fail("invalid character in second fraction");
      if (count > 9) return fail("second fraction value is more than 9 digits long");
      // Digits past the sixth are dropped (pydantic truncates to microseconds).
      microsecond = digits(s.slice(begin, Math.min(i, begin + 6)).padEnd(6, "0"), 0, 6);
    }
  }
  let offset: number | null = null;
  if (i < s.length) {
    const c = s[i];
    if (c === "Z" || c === "z") {
      i++;
      offset = 0;
    } else if (c === "+" || c === "-") {
      const tzHour = digits(s, i + 1, 2);
      if (tzHour < 0 || s.length < i + 3) return fail("invalid timezone hour");
      i += 3;
      let tzMinute = 0;
      if (s[i] === ":") i++;
      if (i < s.length) {
        tzMinute = digits(s, i, 2);
        if (tzMinute < 0 || s.length < i + 2) return fail("invalid timezone minute");
        i += 2;
      }
      if (tzHour > 23 || tzMinute > 59) return fail("timezone offset must be less than 24 hours");
      offset = (c === "-" ? -1 : 1) * (tzHour * 3600 + tzMinute * 60);
    } else return fail("invalid timezone sign");
  }
  if (i !== s.length) return fail(EXTRA);
  return { ok: true, fields: { hour, minute, second, microsecond, offset } };
}

function utc(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMin: number,
): Date {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Date.UTC maps years 0..99 to 1900..1999.
  if (y < 100) date.setUTCFullYear(y);
  if (offsetMin !== 0) date.setTime(date.getTime() - offsetMin * 60_000);
  return date;
}
