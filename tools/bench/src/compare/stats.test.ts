import { describe, expect, it } from "vitest";
import { median, roundRatios, spread } from "./stats";

describe("stats", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it("gives median, min and max", () => {
    expect(spread([2, 9, 4])).toEqual({ median: 4, min: 2, max: 9 });
  });

  it("divides round by round, not medians by medians", () => {
    // Round 2 is slow for both servers; the ratio ignores it.
    const ratios = roundRatios([110, 55, 120], [100, 50, 100]);
    expect(ratios.median).toBeCloseTo(1.1);
    expect(ratios.min).toBeCloseTo(1.1);
    expect(ratios.max).toBeCloseTo(1.2);
    expect(() => roundRatios([1], [1, 2])).toThrow(RangeError);
  });
});
