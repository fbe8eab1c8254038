import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { formatDateTime, isoWeekday, Uuid } from "./temporal";

describe("formatDateTime", () => {
  it("writes UTC fields without a zone, fractions as microseconds", () => {
    expect(formatDateTime(new Date(Date.UTC(2024, 2, 1, 9, 30)))).toBe("2024-03-01T09:30:00");
    expect(formatDateTime(new Date(Date.UTC(2024, 2, 1, 9, 30, 5, 250)))).toBe(
      "2024-03-01T09:30:05.250000",
    );
    expect(formatDateTime(new Date(Date.UTC(999, 0, 2)))).toBe("0999-01-02T00:00:00");
  });
});

describe("isoWeekday", () => {
  it("counts Monday as 1 and Sunday as 7", () => {
    expect(isoWeekday("2024-03-04")).toBe(1);
    expect(isoWeekday("2024-03-03")).toBe(7);
    expect(isoWeekday("2000-02-29")).toBe(2);
  });
});

describe("Uuid", () => {
  it("accepts pydantic's spellings and answers the canonical form", () => {
    const canonical = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    for (const input of [
      canonical,
      canonical.toUpperCase(),
      canonical.replaceAll("-", ""),
      `{${canonical}}`,
      `urn:uuid:${canonical}`,
    ]) {
      expect(v.parse(Uuid, input)).toBe(canonical);
    }
  });

  it("rejects anything else", () => {
    for (const input of ["", "not-a-uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "g".repeat(32)]) {
      expect(v.safeParse(Uuid, input).success).toBe(false);
    }
  });
});
