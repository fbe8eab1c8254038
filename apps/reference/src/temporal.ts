import * as v from "valibot";

// Dates, date-times and UUIDs echoed the way FastAPI (pydantic) writes them
// (apps/reference/SPEC.md §1.9).

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `2024-03-01T09:30:00` (plus `.ffffff` when there are fractions), no time zone. */
export function formatDateTime(date: Date): string {
  const base =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? base : `${base}.${pad(ms * 1000, 6)}`;
}

/** A validated `YYYY-MM-DD` is already in its canonical form. */
export function formatDate(day: string): string {
  return day;
}

/** ISO weekday of a `YYYY-MM-DD` date: Monday = 1 … Sunday = 7. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

const HEX32 = /^[0-9a-fA-F]{32}$/;

/**
 * The spellings pydantic accepts (hyphens anywhere or none, `{...}`, `urn:uuid:`) in canonical
 * lower-case hyphenated form; anything else is left as sent, for `v.uuid()` to reject.
 */
function canonicalUuid(input: string): string {
  let text = input;
  if (text.toLowerCase().startsWith("urn:uuid:")) text = text.slice(9);
  if (text.startsWith("{") && text.endsWith("}")) text = text.slice(1, -1);
  const hex = text.replaceAll("-", "");
  if (!HEX32.test(hex)) return input;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const Uuid = v.pipe(v.string(), v.transform(canonicalUuid), v.uuid());
