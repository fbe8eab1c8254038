import { SecurityConfigError } from "../errors";

/** A span of time: whole seconds, or a string such as `"30s"`, `"15m"`, `"12h"`, `"7d"`, `"2w"`, `"1y"`. */
export type Duration = number | string;

/** Longest span accepted anywhere (100 years): larger values are typos, not policies. */
export const MAX_DURATION_SECONDS = 100 * 31_557_600;

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  week: 604_800,
  weeks: 604_800,
  // A Julian year, as jose and most JWT libraries count it.
  y: 31_557_600,
  yr: 31_557_600,
  yrs: 31_557_600,
  year: 31_557_600,
  years: 31_557_600,
};

// Anchored, no nested quantifiers: linear on any input; the length is checked before it runs.
const DURATION = /^(\d{1,12}) ?([a-z]{1,7})$/;

/** Converts a `Duration` to whole seconds, or throws `SecurityConfigError` naming the option. */
export function toSeconds(value: Duration, option: string): number {
  let seconds: number | undefined;
  if (typeof value === "number") {
    if (Number.isInteger(value)) seconds = value;
  } else if (typeof value === "string" && value.length <= 24) {
    const match = DURATION.exec(value.trim().toLowerCase());
    const unit = match ? UNIT_SECONDS[match[2]!] : undefined;
    if (match && unit !== undefined) seconds = Number(match[1]) * unit;
  }
  if (seconds === undefined || seconds < 0 || seconds > MAX_DURATION_SECONDS) {
    throw new SecurityConfigError(
      `${option} must be whole seconds or a duration such as "15m", "12h" or "7d" (0 to 100 years), got ${JSON.stringify(value)}`,
    );
  }
  return seconds;
}
