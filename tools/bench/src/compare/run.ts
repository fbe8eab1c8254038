import os from "node:os";
import type { LoadGenerator } from "../load/types";
import { describeMachine } from "../machine";
import { precheck } from "../precheck";
import { freePort } from "../process/ports";
import { ServerProcess } from "../process/server-process";
import type { Tools } from "../process/tools";
import { ROUTES, type RouteCase } from "../routes";
import { launchSpec } from "../servers/launch";
import type { ServerName } from "../servers/registry";
import { median, roundRatios } from "./stats";
import type { CompareConfig, CompareReport, RouteResult, Sample, ServerRouteResult } from "./types";

type Log = (line: string) => void;

/** Starts every server once, pinned, and refuses to measure one that fails the pre-check. */
async function startServers(config: CompareConfig, tools: Tools, log: Log) {
  const servers = new Map<ServerName, ServerProcess>();
  try {
    for (const name of config.servers) {
      const launch = { port: await freePort(), baselineDir: config.baselineDir };
      const server = await ServerProcess.start(launchSpec(name, tools, launch));
      servers.set(name, server);
      const failures = await precheck(`http://127.0.0.1:${server.port}`);
      if (failures.length > 0) {
        throw new Error(`${name} failed the correctness pre-check:\n  ${failures.join("\n  ")}`);
      }
      log(`${name}: pid ${server.pid}, port ${server.port}, pre-check passed`);
    }
  } catch (error) {
    await Promise.all([...servers.values()].map((server) => server.stop()));
    throw error;
  }
  return servers;
}

/** Server order for one round: rotated, so no server always runs right after another. */
function rotated<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function summarise(route: RouteCase, samples: Map<ServerName, Sample[]>): RouteResult {
  const rps = (name: ServerName) => samples.get(name)?.map((s) => s.requestsPerSec);
  const versus = (name: ServerName, other: ServerName) => {
    const a = rps(name);
    const b = rps(other);
    return a && b ? roundRatios(a, b) : null;
  };
  const servers: ServerRouteResult[] = [...samples].map(([server, list]) => {
    const rss = list.map((s) => s.peakRss).filter((value): value is number => value !== null);
    return {
      server,
      samples: list,
      requestsPerSec: median(list.map((s) => s.requestsPerSec)),
      p50: median(list.map((s) => s.p50)),
      p99: median(list.map((s) => s.p99)),
      peakRss: rss.length > 0 ? median(rss) : null,
      vsFastify: versus(server, "fastify"),
      vsRaw: versus(server, "raw"),
    };
  });
  const p99 = (name: ServerName) => samples.get(name)?.map((s) => s.p99);
  const typhoonP99 = p99("typhoon");
  const fastifyP99 = p99("fastify");
  return {
    route: route.id,
    title: route.title,
    servers,
    typhoonP99VsFastify: typhoonP99 && fastifyP99 ? roundRatios(typhoonP99, fastifyP99) : null,
    typhoonVsFastapi: versus("typhoon", "fastapi"),
    typhoonVsBaseline: versus("typhoon", "baseline"),
  };
}

/** Flags runs whose answers were not what the route gives (errors, wrong statuses). */
function checkSample(route: RouteCase, server: ServerName, sample: Sample): string | null {
  const expectsError = route.load.status(404);
  const wrong = expectsError ? 0 : sample.non2xx;
  if (wrong === 0 && sample.socketErrors === 0) return null;
  return `${route.id}/${server} round ${sample.round}: ${wrong} non-2xx answers, ${sample.socketErrors} socket errors`;
}

export interface CompareRun {
  tools: Tools;
  load: LoadGenerator;
  config: CompareConfig;
  command: string;
  warnings: string[];
  log: Log;
}

/**
 * The side-by-side run: for each route, a warm-up run per server, then `rounds` rounds in
 * which every server is measured once (interleaved, so drift hits all of them alike), each
 * measured run right after `primeSec` of unmeasured load on the same server.
 */
export async function runCompare(run: CompareRun): Promise<CompareReport> {
  const { config, log, load } = run;
  const startedAt = new Date().toISOString();
  const machine = describeMachine(run.tools);
  const warnings = [...run.warnings];
  const servers = await startServers(config, run.tools, log);
  const routes: RouteResult[] = [];
  try {
    for (const route of ROUTES.filter((r) => config.routes.includes(r.id))) {
      const measure = (server: ServerProcess, durationSec: number) =>
        load({
          port: server.port,
          request: route.load,
          durationSec,
          connections: config.connections,
        });
      if (config.warmupSec > 0) {
        log(`${route.title}: warm-up`);
        for (const server of servers.values()) await measure(server, config.warmupSec);
      }
      const samples = new Map<ServerName, Sample[]>(config.servers.map((name) => [name, []]));
      for (let round = 1; round <= config.rounds; round++) {
        const line: string[] = [];
        for (const name of rotated(config.servers, round - 1)) {
          const server = servers.get(name)!;
          // A server idle for the other servers' runs (V8's memory reducer collects and may
          // drop compiled code after ~8 s of idleness) is brought back to steady state first.
          if (config.primeSec > 0) await measure(server, config.primeSec);
          server.resetPeakRss();
          const result = await measure(server, config.durationSec);
          const sample: Sample = { round, ...result, peakRss: server.peakRss() };
          samples.get(name)!.push(sample);
          const problem = checkSample(route, name, sample);
          if (problem !== null) warnings.push(problem);
          line.push(`${name} ${Math.round(result.requestsPerSec)}`);
        }
        log(`${route.title}: round ${round}/${config.rounds}: ${line.join(", ")} req/s`);
      }
      routes.push(summarise(route, samples));
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
    command: run.command,
    machine,
    config,
    warnings,
    routes,
  };
}
