import { describe, expect, it } from "vitest";
import { bytesPerConnectionBetween, waitForSteadyRss } from "./memory-rss";

const MiB = 2 ** 20;

/** A reader that returns the given samples in order (the last one forever after). */
function readings(values: (number | null)[]) {
  let calls = 0;
  const read = () => values[Math.min(calls++, values.length - 1)] ?? null;
  return { read, calls: () => calls };
}
const noSleep = async () => {};

describe("bytesPerConnectionBetween", () => {
  it("is the slope between two steps, whatever the RSS before them", () => {
    // A server that grew by 40 MiB at startup, then costs exactly 3 KiB per connection.
    const before = 50 * MiB;
    const half = { rss: before + 40 * MiB + 5_000 * 3_072, connections: 5_000 };
    const all = { rss: before + 40 * MiB + 10_000 * 3_072, connections: 10_000 };
    expect(bytesPerConnectionBetween(half, all)).toBe(3_072);
    // The "from before" figure on the same readings carries the startup growth.
    const fromBefore = bytesPerConnectionBetween({ rss: before, connections: 0 }, all);
    expect(fromBefore).toBeCloseTo(3_072 + (40 * MiB) / 10_000, 6);
  });

  it("divides by the connections actually added, not the ones asked for", () => {
    expect(
      bytesPerConnectionBetween(
        { rss: 1_000, connections: 4_990 },
        { rss: 31_000, connections: 9_990 },
      ),
    ).toBe(6);
  });

  it("can be negative when RSS shrank (reported, not hidden)", () => {
    expect(
      bytesPerConnectionBetween({ rss: 2_000, connections: 10 }, { rss: 1_000, connections: 20 }),
    ).toBe(-100);
  });

  it("is null without both readings or without added connections", () => {
    expect(
      bytesPerConnectionBetween({ rss: null, connections: 1 }, { rss: 5, connections: 2 }),
    ).toBeNull();
    expect(
      bytesPerConnectionBetween({ rss: 5, connections: 1 }, { rss: null, connections: 2 }),
    ).toBeNull();
    expect(
      bytesPerConnectionBetween({ rss: 5, connections: 3 }, { rss: 9, connections: 3 }),
    ).toBeNull();
    expect(
      bytesPerConnectionBetween({ rss: 5, connections: 3 }, { rss: 9, connections: 2 }),
    ).toBeNull();
  });
});

describe("waitForSteadyRss", () => {
  it("stops at the first two consecutive samples within the tolerance", async () => {
    const source = readings([100 * MiB, 90 * MiB, 80 * MiB, 79.9 * MiB, 10 * MiB]);
    const slept: number[] = [];
    const result = await waitForSteadyRss({
      read: source.read,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(result).toEqual({ rss: 79.9 * MiB, settled: true, waitedMs: 1_000 });
    expect(source.calls()).toBe(4);
    expect(slept).toEqual([250, 250, 250, 250]);
  });

  it("is bounded: keeps the last sample and says it did not settle", async () => {
    let rss = 10 * MiB;
    let calls = 0;
    const result = await waitForSteadyRss({
      read: () => {
        calls++;
        rss *= 1.1; // always moving by 10%
        return rss;
      },
      sleep: noSleep,
      intervalMs: 250,
      maxMs: 5_000,
    });
    expect(calls).toBe(20);
    expect(result.settled).toBe(false);
    expect(result.waitedMs).toBe(5_000);
    expect(result.rss).toBe(rss);
  });

  it("uses the given tolerance", async () => {
    const strict = await waitForSteadyRss({
      read: readings([1_000, 1_009, 1_018, 1_018]).read,
      sleep: noSleep,
      tolerance: 0.001,
    });
    expect(strict.rss).toBe(1_018);
    const loose = await waitForSteadyRss({
      read: readings([1_000, 1_009, 1_018, 1_018]).read,
      sleep: noSleep,
      tolerance: 0.01,
    });
    expect(loose.rss).toBe(1_009);
  });

  it("gives up at once when a reading fails", async () => {
    const source = readings([1_000, null, 1_000]);
    const result = await waitForSteadyRss({ read: source.read, sleep: noSleep });
    expect(result).toEqual({ rss: null, settled: false, waitedMs: 500 });
    expect(source.calls()).toBe(2);
  });
});
