// The instructions command's numbers: one measured run per record, summaries per server and
// route, and Typhoon's ratios. Pure, so the tests can feed it made-up runs.
import { type Spread, spread } from "../compare/stats";
import type { LoadResult } from "../load/types";
import type { PerfCounts } from "../process/perf-stat";
import type { RouteId } from "../routes";
import type { NodeServerName } from "../servers/registry";

export interface InstructionsConfig {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  servers: NodeServerName[];
  routes: RouteId[];
}

/** One measured run of one server on one route; per-request figures are null when unknown. */
export interface InstructionsRun {
  requests: number;
  requestsPerSec: number;
  userInstructionsPerRequest: number | null;
  kernelInstructionsPerRequest: number | null;
  cpuUsPerRequest: number | null;
  allocatedBytesPerRequest: number | null;
  /** Socket errors, plus non-2xx answers on routes that answer 2xx. */
  errors: number;
}

export function toRun(options: {
  load: LoadResult;
  counts: PerfCounts;
  allocatedBytes: number | null;
  expectsError: boolean;
}): InstructionsRun {
  const { load, counts } = options;
  const perRequest = (value: number | null, scale = 1) =>
    value === null || load.requests === 0 ? null : (value * scale) / load.requests;
  return {
    requests: load.requests,
    requestsPerSec: load.requestsPerSec,
    userInstructionsPerRequest: perRequest(counts.userInstructions),
    kernelInstructionsPerRequest: perRequest(counts.kernelInstructions),
    cpuUsPerRequest: perRequest(counts.taskClockMs, 1000),
    allocatedBytesPerRequest: perRequest(options.allocatedBytes),
    errors: load.socketErrors + (options.expectsError ? 0 : load.non2xx),
  };
}

/** True when perf counted the kernel in every run: then instructions are user + kernel. */
export function kernelCountedIn(runs: readonly InstructionsRun[]): boolean {
  return runs.length > 0 && runs.every((run) => run.kernelInstructionsPerRequest !== null);
}

/** Instructions per request of one run: user + kernel when `withKernel`, else user only. */
export function instructionsOf(run: InstructionsRun, withKernel: boolean): number | null {
  if (run.userInstructionsPerRequest === null) return null;
  return (
    run.userInstructionsPerRequest + (withKernel ? (run.kernelInstructionsPerRequest ?? 0) : 0)
  );
}

/** Median, min and max of the values present in every run, or null if any run lacks one. */
export function spreadOf(values: readonly (number | null)[]): Spread | null {
  if (values.length === 0 || values.some((value) => value === null)) return null;
  return spread(values as number[]);
}

/**
 * a / b for two servers' spreads: the ratio of the medians, bracketed by the extremes of
 * the runs (a's lowest over b's highest, a's highest over b's lowest).
 */
export function spreadRatio(a: Spread | null, b: Spread | null): Spread | null {
  if (a === null || b === null || b.median <= 0 || b.min <= 0 || b.max <= 0) return null;
  return { median: a.median / b.median, min: a.min / b.max, max: a.max / b.min };
}

export interface ServerSummary {
  server: NodeServerName;
  /** Instructions per request (user + kernel when counted), over the runs. */
  instructions: Spread | null;
  kernelInstructions: Spread | null;
  cpuUs: Spread | null;
  allocatedBytes: Spread | null;
  requestsPerSec: Spread;
  errors: number;
  runs: InstructionsRun[];
}

export function summariseServer(
  server: NodeServerName,
  runs: InstructionsRun[],
  withKernel: boolean,
): ServerSummary {
  if (runs.length === 0) throw new RangeError(`no runs to summarise for ${server}`);
  return {
    server,
    instructions: spreadOf(runs.map((run) => instructionsOf(run, withKernel))),
    kernelInstructions: withKernel
      ? spreadOf(runs.map((run) => run.kernelInstructionsPerRequest))
      : null,
    cpuUs: spreadOf(runs.map((run) => run.cpuUsPerRequest)),
    allocatedBytes: spreadOf(runs.map((run) => run.allocatedBytesPerRequest)),
    requestsPerSec: spread(runs.map((run) => run.requestsPerSec)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    runs,
  };
}

export interface RouteSummary {
  route: RouteId;
  title: string;
  servers: ServerSummary[];
  /** Instructions per request, Typhoon over Fastify and over raw (null if one is missing). */
  typhoonVsFastify: Spread | null;
  typhoonVsRaw: Spread | null;
}

/** Instructions per request of `server` over `base`'s on one route. */
export function instructionsRatio(
  servers: readonly ServerSummary[],
  server: NodeServerName,
  base: NodeServerName,
): Spread | null {
  const find = (name: NodeServerName) => servers.find((s) => s.server === name)?.instructions;
  return spreadRatio(find(server) ?? null, find(base) ?? null);
}

export function summariseRoute(
  route: { id: RouteId; title: string },
  servers: ServerSummary[],
): RouteSummary {
  return {
    route: route.id,
    title: route.title,
    servers,
    typhoonVsFastify: instructionsRatio(servers, "typhoon", "fastify"),
    typhoonVsRaw: instructionsRatio(servers, "typhoon", "raw"),
  };
}
