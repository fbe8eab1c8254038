import { describe, expect, it } from "vitest";
import { compareCodePoints, pythonRound } from "./python";

describe("pythonRound", () => {
  it("rounds the exact binary value, as Python's round() does", () => {
    // 2.675 is stored as 2.67499999...: Python answers 2.67, not 2.68.
    expect(pythonRound(2.675, 2)).toBe(2.67);
    expect(pythonRound(1.15 * 3, 2)).toBe(3.45);
    expect(pythonRound(100.005 + 0.01, 2)).toBe(100.02);
  });

  it("breaks exact ties to the even digit", () => {
    expect(pythonRound(0.125, 2)).toBe(0.12);
    expect(pythonRound(0.375, 2)).toBe(0.38);
    expect(pythonRound(12.125, 2)).toBe(12.12);
    expect(pythonRound(-0.125, 2)).toBe(-0.12);
    expect(pythonRound(2.5, 0)).toBe(2);
    expect(pythonRound(3.5, 0)).toBe(4);
  });

  it("leaves non-finite values alone", () => {
    expect(pythonRound(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(pythonRound(Number.NaN, 2)).toBeNaN();
  });
});

describe("compareCodePoints", () => {
  it("orders by code point, as Python compares str", () => {
    expect(compareCodePoints("a", "b")).toBeLessThan(0);
    expect(compareCodePoints("ab", "a")).toBeGreaterThan(0);
    expect(compareCodePoints("x", "x")).toBe(0);
    // U+FF5E (BMP) sorts before U+1F600 by code point, but after it by UTF-16 unit.
    expect(compareCodePoints("\uff5e", "😀")).toBeLessThan(0);
    expect("\uff5e" < "😀").toBe(false);
  });
});
