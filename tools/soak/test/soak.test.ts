/**
 * The short soak that runs in `pnpm test`: ~15 s of mixed traffic (JSON, uploads,
 * streaming, WebSockets, auth failures) from this tool against its app in
 * a child process. Zero errors besides the intended 4xx, RSS that levels off, a clean SIGTERM
 * exit. The long run is `pnpm --filter @typhoon-tooling/soak soak` (see tools/soak/README.md).
 */

import { describe, expect, it } from "vitest";
import { checkLoopback, levelsOff, percentile, runSoak } from "../src/index";

const MiB = 1024 * 1024;

describe("the soak's own checks", () => {
  it("a steady or noisy RSS levels off; a steadily growing one does not", () => {
    const flat = Array.from({ length: 20 }, (_, i) => 120 * MiB + (i % 3) * 2 * MiB);
    expect(levelsOff(flat).levelsOff).toBe(true);
    const warmingUp = [60, 90, 110, 118, 120, 121, 119, 122, 120, 121, 120, 122].map(
      (m) => m * MiB,
    );
    expect(levelsOff(warmingUp).levelsOff).toBe(true);
    const leaking = Array.from({ length: 20 }, (_, i) => (100 + i * 10) * MiB);
    const verdict = levelsOff(leaking);
    expect(verdict.levelsOff).toBe(false);
    expect(verdict.reason).toMatch(/grew/);
    expect(levelsOff([1, 2]).levelsOff).toBe(false); // too few samples to tell
  });

  it("percentiles by nearest rank", () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(new Float64Array(0), 0.99)).toBe(0);
  });

  it("refuses to drive anything but loopback", () => {
    expect(() => checkLoopback("http://example.com:8000")).toThrow(/only drives/);
    expect(() => checkLoopback("http://10.0.0.1:8000")).toThrow(/only drives/);
    expect(() => checkLoopback("https://127.0.0.1:8000")).toThrow(/only drives/);
    expect(() => checkLoopback("http://127.0.0.1:8000")).not.toThrow();
  });
});

describe("short soak", () => {
  it("15 s of mixed traffic: no errors but the intended 4xx, RSS levels off, clean stop", {
    timeout: 60_000,
  }, async () => {
    const report = await runSoak({
      durationMs: 15_000,
      maxRequests: 500_000,
      concurrency: 4,
      intervalMs: 1_000,
    });
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.requests).toBeGreaterThan(1_000);
    // Every kind of traffic ran, and the bad input got its 4xx.
    for (const kind of ["json create", "json read", "upload", "stream", "websocket", "auth ok"]) {
      expect(report.byKind[kind]?.ok, kind).toBeGreaterThan(0);
    }
    for (const kind of ["json invalid", "auth failure", "not found"]) {
      expect(report.byKind[kind]?.intended, kind).toBeGreaterThan(0);
    }
    expect(report.intervals.length).toBeGreaterThanOrEqual(10);
    expect(report.memory?.levelsOff, report.memory?.reason).toBe(true);
    expect(report.serverExitCode).toBe(0);
    expect(report.passed).toBe(true);
  });
});
