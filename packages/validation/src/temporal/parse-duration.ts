// ISO 8601 durations (`P1Y2M3W4DT5H6M7.5S`, a year as 365 days and a month as 30, as
// speedate counts them) and the clock forms `HH:MM[:SS[.f]]`, `D day[s][,] HH:MM:SS`.

export type DurationParse = { ok: true; microseconds: number } | { ok: false; reason: string };

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const ISO = new RegExp(
  `^([+-])?P(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
  "i",
);
const CLOCK =
  /^([+-])?(?:(\d+) ?d(?:ays?)?,? ?)?(?:(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/i;

const SECOND = 1_000_000;
const UNITS = [365 * 86_400, 30 * 86_400, 7 * 86_400, 86_400, 3600, 60, 1].map((s) => s * SECOND);

const number = (text: string | undefined) =>
  text === undefined ? 0 : Number(text.replace(",", "."));

export function parseDuration(s: string): DurationParse {
  if (s.length === 0) return { ok: false, reason: "input is too short" };
  const iso = ISO.exec(s);
  if (iso !== null) {
    const parts = iso.slice(2);
    // `P` and `PT` alone carry no quantity.
    if (parts.every((part) => part === undefined) || /T$/i.test(s)) {
      return { ok: false, reason: "input is too short" };
    }
    let micro = 0;
    parts.forEach((part, i) => {
      micro += number(part) * (UNITS[i] as number);
    });
    return { ok: true, microseconds: Math.round(iso[1] === "-" ? -micro : micro) };
  }
  const clock = CLOCK.exec(s);
  if (clock !== null && (clock[2] !== undefined || clock[3] !== undefined)) {
    const [, sign, days, hours, minutes, seconds, fraction] = clock;
    const micro =
      number(days) * 86_400 * SECOND +
      number(hours) * 3600 * SECOND +
      number(minutes) * 60 * SECOND +
      number(seconds) * SECOND +
      (fraction === undefined ? 0 : Number(fraction.padEnd(6, "0")));
    return { ok: true, microseconds: sign === "-" ? -micro : micro };
  }
  return { ok: false, reason: "invalid digit in duration" };
}
