// `pnpm bench instructions`: instructions per request under perf stat, per server and route.
// req/s between two runs swings by ±30% on this shared machine; instructions retired per
// request stay within ±2%, so this is the figure to judge a change of the request path by.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ExtraContext } from "../context";
import type { Section } from "../output";
import { distEntry } from "../paths";
import { precheck } from "../precheck";
import { attachPerfStat, perfCountsInstructions } from "../process/perf-stat";
import { freePort } from "../process/ports";
import { ServerProcess } from "../process/server-process";
import { pinned } from "../process/tools";
import { ROUTES, type RouteCase } from "../routes";
import type { NodeServerName } from "../servers/registry";
import { GcLog, withStdoutTo } from "./instructions-gc";
import {
  type InstructionsReport,
  instructionsMarkdown,
  noPerfMarkdown,
} from "./instructions-report";
import {
  type InstructionsConfig,
  type InstructionsRun,
  instructionsOf,
  kernelCountedIn,
  summariseRoute,
  summariseServer,
  toRun,
} from "./instructions-stats";

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2));

/** One server on one route: its own pinned process under --trace-gc, warmed, then the runs. */
async function measureServer(
  context: ExtraContext,
  config: InstructionsConfig,
  route: RouteCase,
  name: NodeServerName,
  logDir: string,
): Promise<InstructionsRun[]> {
  const port = await freePort();
  const gcFile = path.join(logDir, `${name}-${route.id}.log`);
  const args = ["--trace-gc", distEntry("server"), name, String(port)];
  const spec = withStdoutTo(gcFile, pinned(context.tools, "0", process.execPath, args));
  const server = await ServerProcess.start({ name, port, ...spec });
  const runs: InstructionsRun[] = [];
  try {
    const failures = await precheck(`http://127.0.0.1:${port}`, [route]);
    if (failures.length > 0) {
      throw new Error(`${name} failed the pre-check on ${route.id}:\n  ${failures.join("\n  ")}`);
    }
    const load = (durationSec: number) =>
      context.load({ port, request: route.load, durationSec, connections: config.connections });
    if (config.warmupSec > 0) await load(config.warmupSec);
    const gc = new GcLog(gcFile);
    gc.skip();
    for (let round = 0; round < config.rounds; round++) {
      const perf = await attachPerfStat(server.pid);
      const result = await load(config.durationSec).catch(async (error: unknown) => {
        await perf.stop(); // a perf left attached would outlive the run
        throw error;
      });
      const counts = await perf.stop();
      runs.push(
        toRun({
          load: result,
          counts,
          allocatedBytes: gc.allocatedSinceLastRead(),
          expectsError: route.load.status(404),
        }),
      );
    }
  } finally {
    await server.stop();
  }
  return runs;
}

export async function runInstructions(
  context: ExtraContext,
  config: InstructionsConfig,
  command: string,
): Promise<Section> {
  const { log } = context;
  if (!perfCountsInstructions()) {
    log("instructions: perf cannot count instructions here; nothing measured");
    return { name: "instructions", markdown: noPerfMarkdown(), data: { perf: false, config } };
  }
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadAverage();
  const routes = ROUTES.filter((route) => config.routes.includes(route.id));
  const measured: { route: RouteCase; runs: Map<NodeServerName, InstructionsRun[]> }[] = [];
  const warnings: string[] = [];
  const logDir = mkdtempSync(path.join(os.tmpdir(), "bench-instructions-"));
  try {
    for (const route of routes) {
      const runs = new Map<NodeServerName, InstructionsRun[]>();
      for (const name of config.servers) {
        const list = await measureServer(context, config, route, name, logDir);
        runs.set(name, list);
        const perRequest = list.map((run) => ((instructionsOf(run, true) ?? 0) / 1000).toFixed(1));
        log(`instructions: ${route.id}/${name}: ${perRequest.join(", ")}k per request`);
        const errors = list.reduce((sum, run) => sum + run.errors, 0);
        if (errors > 0)
          warnings.push(`${route.id}/${name}: ${errors} errors or unexpected statuses`);
      }
      measured.push({ route, runs });
    }
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
  // One rule for every table: user + kernel only if perf counted the kernel in every run.
  const kernelCounted = kernelCountedIn(measured.flatMap(({ runs }) => [...runs.values()].flat()));
  const report: InstructionsReport = {
    config,
    command,
    node: process.version,
    startedAt,
    finishedAt: new Date().toISOString(),
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
    kernelCounted,
    warnings,
    routes: measured.map(({ route, runs }) =>
      summariseRoute(
        route,
        [...runs].map(([name, list]) => summariseServer(name, list, kernelCounted)),
      ),
    ),
  };
  return { name: "instructions", markdown: instructionsMarkdown(report), data: report };
}
