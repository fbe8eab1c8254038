/**
 * A span of time (pydantic's `timedelta`), held in whole microseconds as Python holds it.
 * JSON writes it as pydantic does: an ISO 8601 duration (`P1DT2H`, `-PT1.5S`, `PT0S`).
 */
export class Duration {
  /** The signed length in microseconds (an integer). */
  readonly microseconds: number;

  constructor(microseconds: number) {
    this.microseconds = Math.trunc(microseconds);
  }

  static fromSeconds(seconds: number): Duration {
    return new Duration(Math.round(seconds * 1_000_000));
  }

  /** The signed length in seconds (fractional below a second). */
  get seconds(): number {
    return this.microseconds / 1_000_000;
  }

  /** The signed length in milliseconds, ready for `Date` arithmetic and timers. */
  get milliseconds(): number {
    return this.microseconds / 1000;
  }

  toString(): string {
    return formatDuration(this.microseconds);
  }

  toJSON(): string {
    return this.toString();
  }
}

const DAY = 86_400_000_000;

/** speedate's form: years of 365 days, then days, then `T` hours, minutes, seconds. */
export function formatDuration(microseconds: number): string {
  const negative = microseconds < 0;
  let rest = Math.abs(microseconds);
  let days = Math.floor(rest / DAY);
  rest -= days * DAY;
  let out = negative ? "-P" : "P";
  if (days >= 365) {
    out += `${Math.floor(days / 365)}Y`;
    days %= 365;
  }
  if (days !== 0) out += `${days}D`;
  if (rest !== 0) {
    const seconds = Math.floor(rest / 1_000_000);
    const micro = rest % 1_000_000;
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor(seconds / 60) % 60;
    const secs = seconds % 60;
    out += "T";
    if (hours !== 0) out += `${hours}H`;
    if (minutes !== 0) out += `${minutes}M`;
    if (secs !== 0 || micro !== 0) {
      const fraction = micro === 0 ? "" : `.${String(micro).padStart(6, "0").replace(/0+$/, "")}`;
      out += `${secs}${fraction}S`;
    }
  }
  return out === "P" || out === "-P" ? "PT0S" : out;
}
