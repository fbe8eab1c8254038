import type { DateTimeFields, TimeFields } from "../core/dates";

// pydantic v2's JSON forms (speedate's Display): `Z` for a zero offset, `±HH:MM` otherwise,
// microseconds only when there are some (six digits, as Python's isoformat writes them).

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function formatOffset(offset: number | null): string {
  if (offset === null) return "";
  if (offset === 0) return "Z";
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const seconds = abs % 60;
  const text = `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}`;
  return seconds === 0 ? text : `${text}:${pad(seconds)}`;
}

export function formatTime(t: TimeFields): string {
  const base = `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  const fraction = t.microsecond === 0 ? "" : `.${pad(t.microsecond, 6)}`;
  return base + fraction + formatOffset(t.offset);
}

export function formatDateTime(f: DateTimeFields): string {
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${formatTime(f)}`;
}

/** The fields of a Date's instant in UTC (a Date is always an aware, UTC value). */
export function dateFields(date: Date): DateTimeFields {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    microsecond: date.getUTCMilliseconds() * 1000,
    offset: 0,
  };
}

/** A Date as pydantic writes an aware UTC datetime: `2024-03-01T09:30:00Z`. */
export function formatDate(date: Date): string {
  return formatDateTime(dateFields(date));
}
