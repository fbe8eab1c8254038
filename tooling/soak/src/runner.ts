/**
 * Runs a soak: mixed traffic from `concurrency` loops against a server on loopback, bounded
 * by time and by request count, sampling the server's RSS and the latencies per interval.
 * By default it starts the soak app in a child process (so RSS is the server's alone) and
 * stops it with SIGTERM at the end, which must exit 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type LevelOffOptions, type LevelOffVerdict, levelsOff, rssOf } from "./memory";
import { type IntervalStats, Recorder } from "./stats";
import { fetchToken, MIX, type TrafficContext } from "./traffic";

export interface SoakOptions {
  /** Wall-clock budget of the traffic, in ms. */
  durationMs: number;
  /** Hard cap on recorded operations (also sizes the latency buffer). */
  maxRequests: number;
  /** Concurrent client loops. Default 8. */
  concurrency?: number;
  /** Sampling period of RSS and interval statistics, in ms. Default 5 s. */
  intervalMs?: number;
  /** Drive this server instead of starting the soak app; `pid` lets RSS be sampled. */
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

const here = path.dirname(fileURLToPath(import.meta.url));
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Refuses anything but a loopback http URL: a soak never leaves the machine. */
export function checkLoopback(url: string): void {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" || !LOOPBACK.has(parsed.hostname)) {
    throw new Error(`the soak only drives http://127.0.0.1, localhost or [::1], not ${url}`);
  }
}

interface SoakServer {
  url: string;
  pid: number;
  stop(): Promise<number | null>;
}

/** Starts `server.ts` with tsx, packages resolved to their sources; resolves once it listens. */
export function startSoakServer(): Promise<SoakServer> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=typhoon-source", "--import", tsx, path.join(here, "server.ts")],
    { cwd: here, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PORT: "0" } },
  );
  let output = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the soak server did not start:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 100_000) output = output.slice(-50_000);
      const url = /Listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url === undefined || child.pid === undefined) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      resolve({
        url,
        pid: child.pid,
        stop: async () => {
          child.kill("SIGTERM");
          const code = await Promise.race([
            exited,
            new Promise<null>((r) => setTimeout(() => r(null), 15_000).unref()),
          ]);
          if (code === null) child.kill("SIGKILL");
          return code;
        },
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the soak server exited with ${code} before listening:\n${output}`));
    });
  });
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const concurrency = options.concurrency ?? 8;
  const intervalMs = options.intervalMs ?? 5_000;
  if (!(options.durationMs > 0) || !(options.maxRequests > 0) || !(concurrency > 0)) {
    throw new RangeError("durationMs, maxRequests and concurrency must be positive");
  }
  const server = options.target === undefined ? await startSoakServer() : undefined;
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
      token: await fetchToken(base),
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
        const operation = MIX[next++ % MIX.length]!;
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
