import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";

const ok = (s: string, allowTime = true) => {
  const r = parseIsoDate(s, allowTime);
  if (!r.ok) throw new Error(`${s}: ${r.reason}`);
  return r.date.toISOString();
};
const reason = (s: string, allowTime = true) => {
  const r = parseIsoDate(s, allowTime);
  return r.ok ? "ok" : r.reason;
};

describe("parseIsoDate", () => {
  it("parses dates and date-times (naive = UTC)", () => {
    expect(ok("2024-02-29", false)).toBe("2024-02-29T00:00:00.000Z");
    expect(ok("2000-02-29")).toBe("2000-02-29T00:00:00.000Z");
    expect(ok("2024-03-01T09:30")).toBe("2024-03-01T09:30:00.000Z");
    expect(ok("2024-03-01 09:30:15.5")).toBe("2024-03-01T09:30:15.500Z");
    expect(ok("2024-03-01t09:30:15,123456789Z")).toBe("2024-03-01T09:30:15.123Z");
    expect(ok("2024-03-01_09:30:00-05:30")).toBe("2024-03-01T15:00:00.000Z");
    expect(ok("2024-03-01T09:30:00+0100")).toBe("2024-03-01T08:30:00.000Z");
    expect(ok("2024-03-01T09:30:00+01")).toBe("2024-03-01T08:30:00.000Z");
    expect(ok("0099-01-01")).toBe("0099-01-01T00:00:00.000Z");
    // A short fraction followed by a zone.
    expect(ok("2024-03-01T09:30:15.5Z")).toBe("2024-03-01T09:30:15.500Z");
    expect(ok("2024-03-01T09:30:15.25+01:00")).toBe("2024-03-01T08:30:15.250Z");
  });

  it.each([
    ["2024-03", "input is too short"],
    ["20x4-03-01", "invalid character in year"],
    ["2024/03/01", "invalid date separator, expected `-`"],
    ["2024-0x-01", "invalid character in month"],
    ["2024-03/01", "invalid date separator, expected `-`"],
    ["2024-03-x1", "invalid character in day"],
    ["2024-13-01", "month value is outside expected range"],
    ["2024-00-01", "month value is outside expected range"],
    ["2023-02-29", "day value is outside expected range"],
    ["1900-02-29", "day value is outside expected range"],
    ["2024-04-31", "day value is outside expected range"],
    ["2024-03-01X10:00", "invalid datetime separator, expected `T`, `t`, `_` or space"],
    ["2024-03-01T10", "input is too short"],
    ["2024-03-01Tx0:00", "invalid character in hour"],
    ["2024-03-01T10-00", "invalid time separator, expected `:`"],
    ["2024-03-01T10:x0", "invalid character in minute"],
    ["2024-03-01T24:00", "hour value is outside expected range"],
    ["2024-03-01T23:60", "minute value is outside expected range"],
    ["2024-03-01T23:59:x", "invalid character in second"],
    ["2024-03-01T23:59:60", "second value is outside expected range"],
    ["2024-03-01T23:59:59.", "invalid character in second fraction"],
    ["2024-03-01T23:59:59.1234567890", "second fraction value is more than 9 digits long"],
    ["2024-03-01T23:59:59+x", "invalid timezone hour"],
    ["2024-03-01T23:59:59+01:x", "invalid timezone minute"],
    ["2024-03-01T23:59:59+25:00", "timezone offset must be less than 24 hours"],
    ["2024-03-01T23:59:59 ", "invalid timezone sign"],
    ["2024-03-01T23:59:59Zjunk", "unexpected extra characters at the end of the input"],
  ])("%s → %s", (input, expected) => {
    expect(reason(input)).toBe(expected);
  });

  it("a date-only parse rejects a time part", () => {
    expect(reason("2024-03-01T10:00", false)).toBe(
      "unexpected extra characters at the end of the input",
    );
  });
});
