import { describe, expect, it } from "vitest";
import type { LoadResult } from "../load/types";
import {
  type InstructionsRun,
  instructionsOf,
  kernelCountedIn,
  spreadOf,
  spreadRatio,
  summariseRoute,
  summariseServer,
  toRun,
} from "./instructions-stats";

const load = (overrides: Partial<LoadResult> = {}): LoadResult => ({
  requestsPerSec: 80_000,
  requests: 240_000,
  p50: 0.7,
  p99: 1.5,
  non2xx: 0,
  socketErrors: 0,
  ...overrides,
});

const run = (user: number, kernel: number | null, overrides: Partial<InstructionsRun> = {}) => ({
  requests: 1000,
  requestsPerSec: 80_000,
  userInstructionsPerRequest: user,
  kernelInstructionsPerRequest: kernel,
  cpuUsPerRequest: 8,
  allocatedBytesPerRequest: 2000,
  errors: 0,
  ...overrides,
});

describe("toRun", () => {
  it("divides what perf and the GC log counted by the requests wrk completed", () => {
    const result = toRun({
      load: load({ requests: 200_000 }),
      counts: { userInstructions: 10e9, kernelInstructions: 4e9, taskClockMs: 1_600 },
      allocatedBytes: 400e6,
      expectsError: false,
    });
    expect(result).toEqual({
      requests: 200_000,
      requestsPerSec: 80_000,
      userInstructionsPerRequest: 50_000,
      kernelInstructionsPerRequest: 20_000,
      cpuUsPerRequest: 8,
      allocatedBytesPerRequest: 2_000,
      errors: 0,
    });
  });

  it("keeps what could not be counted as null, and a run without requests as unknown", () => {
    const missing = toRun({
      load: load(),
      counts: { userInstructions: 5e9, kernelInstructions: null, taskClockMs: null },
      allocatedBytes: null,
      expectsError: false,
    });
    expect(missing.kernelInstructionsPerRequest).toBeNull();
    expect(missing.cpuUsPerRequest).toBeNull();
    expect(missing.allocatedBytesPerRequest).toBeNull();
    const empty = toRun({
      load: load({ requests: 0 }),
      counts: { userInstructions: 5e9, kernelInstructions: 1e9, taskClockMs: 10 },
      allocatedBytes: 0,
      expectsError: false,
    });
    expect(empty.userInstructionsPerRequest).toBeNull();
  });

  it("counts non-2xx answers as errors except on the route that answers 404", () => {
    const counts = { userInstructions: 1, kernelInstructions: 1, taskClockMs: 1 };
    const answers = load({ non2xx: 7, socketErrors: 2 });
    expect(toRun({ load: answers, counts, allocatedBytes: null, expectsError: false }).errors).toBe(
      9,
    );
    expect(toRun({ load: answers, counts, allocatedBytes: null, expectsError: true }).errors).toBe(
      2,
    );
  });
});

describe("instructions per request", () => {
  it("adds the kernel's share only when perf counted it in every run", () => {
    expect(kernelCountedIn([run(50_000, 20_000), run(51_000, 19_000)])).toBe(true);
    expect(kernelCountedIn([run(50_000, 20_000), run(51_000, null)])).toBe(false);
    expect(kernelCountedIn([])).toBe(false);
    expect(instructionsOf(run(50_000, 20_000), true)).toBe(70_000);
    expect(instructionsOf(run(50_000, 20_000), false)).toBe(50_000);
    expect(
      instructionsOf(run(50_000, null, { userInstructionsPerRequest: null }), true),
    ).toBeNull();
  });

  it("spreads need a value from every run", () => {
    expect(spreadOf([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spreadOf([3, null])).toBeNull();
    expect(spreadOf([])).toBeNull();
  });

  it("ratios are of the medians, bracketed by the runs' extremes", () => {
    const ratio = spreadRatio({ median: 80, min: 78, max: 84 }, { median: 64, min: 60, max: 65 });
    expect(ratio).toEqual({ median: 1.25, min: 78 / 65, max: 84 / 60 });
    expect(spreadRatio(null, { median: 1, min: 1, max: 1 })).toBeNull();
    expect(spreadRatio({ median: 1, min: 1, max: 1 }, { median: 0, min: 0, max: 0 })).toBeNull();
  });
});

describe("summaries", () => {
  it("summarise a server's runs: medians and ranges, errors summed", () => {
    const summary = summariseServer(
      "typhoon",
      [
        run(60_000, 20_000, { cpuUsPerRequest: 9, errors: 1 }),
        run(62_000, 21_000, { cpuUsPerRequest: 8 }),
        run(59_000, 22_000, { cpuUsPerRequest: 10, errors: 2 }),
      ],
      true,
    );
    expect(summary.instructions).toEqual({ median: 81_000, min: 80_000, max: 83_000 });
    expect(summary.kernelInstructions).toEqual({ median: 21_000, min: 20_000, max: 22_000 });
    expect(summary.cpuUs?.median).toBe(9);
    expect(summary.allocatedBytes?.median).toBe(2000);
    expect(summary.errors).toBe(3);
    expect(summariseServer("raw", [run(60_000, 20_000)], false).kernelInstructions).toBeNull();
    expect(() => summariseServer("raw", [], true)).toThrow(/no runs/);
  });

  it("give Typhoon's instructions over Fastify's and raw's on each route", () => {
    const servers = [
      summariseServer("raw", [run(50_000, 16_000)], true),
      summariseServer("fastify", [run(55_000, 16_000)], true),
      summariseServer("typhoon", [run(64_000, 16_000)], true),
    ];
    const route = summariseRoute({ id: "hello", title: "GET /hello" }, servers);
    expect(route.typhoonVsFastify?.median).toBeCloseTo(80 / 71, 10);
    expect(route.typhoonVsRaw?.median).toBeCloseTo(80 / 66, 10);
    const withoutFastify = summariseRoute({ id: "hello", title: "GET /hello" }, [servers[2]!]);
    expect(withoutFastify.typhoonVsFastify).toBeNull();
    expect(withoutFastify.typhoonVsRaw).toBeNull();
  });
});
