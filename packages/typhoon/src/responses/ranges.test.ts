import { describe, expect, it } from "vitest";
import { parseRange } from "./ranges";

const ranges = (...pairs: [number, number][]) => ({
  kind: "ranges",
  ranges: pairs.map(([start, end]) => ({ start, end })),
});

describe("parseRange", () => {
  it("resolves first-last, open-ended and suffix ranges", () => {
    expect(parseRange("bytes=0-9", 100)).toEqual(ranges([0, 9]));
    expect(parseRange("bytes=90-", 100)).toEqual(ranges([90, 99]));
    expect(parseRange("bytes=-10", 100)).toEqual(ranges([90, 99]));
    expect(parseRange("bytes=-500", 100)).toEqual(ranges([0, 99]));
    expect(parseRange("bytes=95-200", 100)).toEqual(ranges([95, 99]));
    expect(parseRange("BYTES = 1-2", 100)).toEqual(ranges([1, 2]));
  });

  it("keeps several ranges sorted and merges overlapping or adjacent ones", () => {
    expect(parseRange("bytes=50-59, 0-9", 100)).toEqual(ranges([0, 9], [50, 59]));
    expect(parseRange("bytes=0-9,5-20,21-30", 100)).toEqual(ranges([0, 30]));
    expect(parseRange("bytes=0-0,0-0,0-0", 100)).toEqual(ranges([0, 0]));
    expect(parseRange("bytes=0-1,,4-5,", 100)).toEqual(ranges([0, 1], [4, 5]));
  });

  it("drops unsatisfiable parts and reports when none is left", () => {
    expect(parseRange("bytes=0-9,200-300", 100)).toEqual(ranges([0, 9]));
    expect(parseRange("bytes=100-", 100)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", 100)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-5", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it("ignores malformed headers, other units and too many ranges", () => {
    for (const header of [
      "bytes=9-0",
      "bytes=-",
      "bytes=a-b",
      "bytes=1-2-3",
      "bytes=+1-2",
      "items=0-1",
      "bytes",
      "bytes=0x10-20",
    ]) {
      expect(parseRange(header, 100), header).toEqual({ kind: "ignore" });
    }
    const many = `bytes=${Array.from({ length: 101 }, (_, i) => `${i}-${i}`).join(",")}`;
    expect(parseRange(many, 1000)).toEqual({ kind: "ignore" });
    expect(parseRange("bytes=0-0,2-2,4-4", 1000, 2)).toEqual({ kind: "ignore" });
  });
});
