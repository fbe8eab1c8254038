import { describe, expect, it } from "vitest";
import type { InstructionsReport } from "./instructions-report";
import {
  fmtThousands,
  instructionsMarkdown,
  noPerfMarkdown,
  routeTable,
  summaryTable,
} from "./instructions-report";
import { type InstructionsRun, summariseRoute, summariseServer } from "./instructions-stats";

const run = (
  user: number,
  kernel: number,
  cpuUs: number,
  bytes: number | null,
): InstructionsRun => ({
  requests: 240_000,
  requestsPerSec: 80_000,
  userInstructionsPerRequest: user,
  kernelInstructionsPerRequest: kernel,
  cpuUsPerRequest: cpuUs,
  allocatedBytesPerRequest: bytes,
  errors: 0,
});

const hello = summariseRoute({ id: "hello", title: "GET /hello" }, [
  summariseServer("raw", [run(46_000, 20_000, 7.5, 900), run(46_400, 20_000, 7.7, 950)], true),
  summariseServer(
    "fastify",
    [run(51_000, 20_000, 8.5, 1_500), run(51_000, 20_000, 8.4, 1_500)],
    true,
  ),
  summariseServer(
    "typhoon",
    [run(60_000, 20_000, 9.1, null), run(62_000, 20_000, 9.3, 2_000)],
    true,
  ),
]);

const report: InstructionsReport = {
  config: {
    rounds: 2,
    durationSec: 3,
    warmupSec: 1,
    connections: 64,
    servers: ["raw", "fastify", "typhoon"],
    routes: ["hello"],
  },
  command: "pnpm bench instructions",
  node: "v20.0.0",
  startedAt: "2026-11-22T04:00:00.000Z",
  finishedAt: "2026-11-22T04:01:00.000Z",
  loadAverageAtStart: ["1.00", "1.00", "1.00"],
  loadAverageAtEnd: ["2.00", "1.50", "1.00"],
  kernelCounted: true,
  routes: [hello],
  warnings: ["hello/typhoon: 3 errors or unexpected statuses"],
};

describe("instructions report", () => {
  it("formats instructions in thousands with the runs' range", () => {
    expect(fmtThousands({ median: 66_240, min: 65_810, max: 67_020 })).toBe("66.2k (65.8–67.0)");
    expect(fmtThousands(null)).toBe("—");
  });

  it("has one row per server with instructions, kernel, CPU, allocation and ratios", () => {
    const lines = routeTable(hello).split("\n");
    expect(lines[0]).toContain("instructions/req");
    expect(lines).toHaveLength(2 + 3);
    expect(lines[2]).toBe(
      "| raw node:http | 66.2k (66.0–66.4) | 20.0k | 7.60 | 925 B | 80,000 | 0.93× (0.93–0.94) | 1.00× (0.99–1.01) | 0 |",
    );
    // A run without a GC to measure from leaves Typhoon's allocation unknown, not zero.
    expect(lines[4]).toBe(
      "| Typhoon | 81.0k (80.0–82.0) | 20.0k | 9.20 | — | 80,000 | 1.14× (1.13–1.15) | 1.22× (1.20–1.24) | 0 |",
    );
  });

  it("summarises Typhoon/Fastify and Typhoon/raw per route", () => {
    expect(summaryTable([hello]).split("\n")[2]).toBe(
      "| GET /hello | 1.14× (1.13–1.15) | 1.22× (1.20–1.24) |",
    );
  });

  it("puts the setup, the perf events, the tables and the warnings in the section", () => {
    const markdown = instructionsMarkdown(report);
    expect(markdown).toContain("2 runs × 3 s");
    expect(markdown).toContain("instructions:u,instructions:k,task-clock");
    expect(markdown).toContain("### GET /hello");
    expect(markdown).toContain("- hello/typhoon: 3 errors");
    const userOnly = instructionsMarkdown({ ...report, kernelCounted: false, warnings: [] });
    expect(userOnly).toContain("user space only");
    expect(userOnly).not.toContain("Warnings");
  });

  it("says plainly when perf cannot count", () => {
    expect(noPerfMarkdown()).toMatch(/perf cannot count instructions.*nothing measured/);
  });
});
