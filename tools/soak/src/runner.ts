/**
 * Runs a soak: mixed traffic from `concurrency` loops against a server on loopback, bounded
 * by time and by request count, sampling the server's RSS and the latencies per interval.
 * It starts the target's server in a child process (so RSS is the server's alone) and stops
 * it with SIGTERM at the end, which must exit 0 — or drives a server already running.
 */
import http from "node:http";
import { type LevelOffOptions, type LevelOffVerdict, levelsOff, rssOf } from "./memory";
import { type IntervalStats, Recorder } from "./stats";
import { type SoakTarget, TARGETS } from "./targets";
import type { TrafficContext } from "./traffic";

export interface SoakOptions {
  /** Wall-clock budget of the traffic, in ms. */
  durationMs: number;
  /** Hard cap on recorded operations (also sizes the latency buffer). */
  maxRequests: number;
  /** Concurrent client loops. Default 8. */
  concurrency?: number;
  /** Sampling period of RSS and interval statistics, in ms. Default 5 s. */
  intervalMs?: number;
  /** Which app and traffic mix: the soak's own (`app`, default) or apps/blog (`blog`). */
  app?: SoakTarget["name"];
  /** Drive this server instead of starting one; `pid` lets RSS be sampled. */
  target?: { url: string; pid?: number };
  /** How strict the leak check is (see `levelsOff`). */
  levelOff?: LevelOffOptions;
  /** Called at the end of every interval (progress output). */
  onInterval?: (stats: IntervalStats) => void;
}

export interface SoakReport {
  durationMs: number;
  requests: number;
  errors: number;
  intended: number;
  p50Ms: number;
  p99Ms: number;
  byKind: Record<string, { ok: number; intended: number; error: number }>;
  errorSamples: string[];
  intervals: IntervalStats[];
  memory: LevelOffVerdict | null;
  /** Exit code of the server child after SIGTERM (null when the soak did not start it). */
  serverExitCode: number | null;
  /** Errors are zero, memory levelled off, and the server stopped cleanly. */
  passed: boolean;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Refuses anything but a loopback http URL: a soak never leaves the machine. */
export function checkLoopback(url: string): void {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" || !LOOPBACK.has(parsed.hostname)) {
    throw new Error(`the soak only drives http://127.0.0.1, localhost or [::1], not ${url}`);
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const concurrency = options.concurrency ?? 8;
  const intervalMs = options.intervalMs ?? 5_000;
  if (!(options.durationMs > 0) || !(options.maxRequests > 0) || !(concurrency > 0)) {
    throw new RangeError("durationMs, maxRequests and concurrency must be positive");
  }
  const target = TARGETS[options.app ?? "app"];
  if (target === undefined) throw new RangeError(`unknown soak app ${String(options.app)}`);
  const server = options.target === undefined ? await target.start() : undefined;
  const url = options.target?.url ?? server!.url;
  const pid = options.target?.pid ?? server?.pid;
  checkLoopback(url);

  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const recorder = new Recorder(options.maxRequests);
  const intervals: IntervalStats[] = [];
  const started = Date.now();
  const deadline = started + options.durationMs;
  let serverExitCode: number | null = null;
  try {
    const base = { baseUrl: url, agent };
    const ctx: TrafficContext = {
      ...base,
      token: await target.token(base),
      record: (kind, outcome, ms, detail) => recorder.record(kind, outcome, ms, detail),
    };
    const sample = () => {
      const stats = recorder.interval(
        (Date.now() - started) / 1000,
        pid === undefined ? null : rssOf(pid),
      );
      intervals.push(stats);
      options.onInterval?.(stats);
    };
    const sampler = setInterval(sample, intervalMs);
    let next = 0;
    const loop = async () => {
      while (Date.now() < deadline && !recorder.full) {
        const operation = target.mix[next++ % target.mix.length]!;
        await operation(ctx);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
    clearInterval(sampler);
    sample();
  } finally {
    agent.destroy();
    if (server !== undefined) serverExitCode = await server.stop();
  }

  const rss = intervals.map((i) => i.rss).filter((value): value is number => value !== null);
  const memory = rss.length > 0 ? levelsOff(rss, options.levelOff) : null;
  const errors = recorder.errors;
  return {
    durationMs: Date.now() - started,
    requests: recorder.count,
    errors,
    intended: recorder.intended,
    p50Ms: recorder.percentile(0.5),
    p99Ms: recorder.percentile(0.99),
    byKind: Object.fromEntries(recorder.byKind),
    errorSamples: recorder.errorSamples,
    intervals,
    memory,
    serverExitCode,
    passed:
      errors === 0 &&
      (memory === null || memory.levelsOff) &&
      (server === undefined || serverExitCode === 0),
  };
}
