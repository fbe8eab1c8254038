import { describe, expect, it } from "vitest";
import { parseAutocannonOutput } from "./autocannon";
import { parseWrkOutput } from "./wrk";

describe("load generator output", () => {
  it("reads the BENCH_JSON line of our wrk script", () => {
    const stdout = [
      "Running 2s test @ http://127.0.0.1:8000/hello",
      "  1 threads and 64 connections",
      'BENCH_JSON {"requests":90000,"duration_us":2000000,"bytes":1,"errors":{"connect":0,"read":1,"write":0,"status":7,"timeout":2},"latency_us":{"p50":1400,"p90":2000,"p99":3500,"max":9000,"mean":1500.0}}',
    ].join("\n");
    expect(parseWrkOutput(stdout)).toEqual({
      requests: 90000,
      requestsPerSec: 45000,
      p50: 1.4,
      p99: 3.5,
      non2xx: 7,
      socketErrors: 3,
    });
    expect(() => parseWrkOutput("no summary")).toThrow(/BENCH_JSON/);
  });

  it("reads autocannon's --json", () => {
    const json = JSON.stringify({
      requests: { average: 30000, total: 60000 },
      latency: { p50: 2, p99: 6 },
      non2xx: 0,
      errors: 1,
      timeouts: 1,
    });
    expect(parseAutocannonOutput(json)).toMatchObject({
      requestsPerSec: 30000,
      p99: 6,
      socketErrors: 2,
    });
  });
});
