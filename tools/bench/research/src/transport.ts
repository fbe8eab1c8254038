// `pnpm bench transport`: how much of a GET /hello is node:http? Raw node:http against
// net.Server variants that skip IncomingMessage/ServerResponse (transport-variants.ts), in
// interleaved rounds under wrk, with instructions per request from perf stat.
import { spawnSync } from "node:child_process";
import os from "node:os";
import { fmtRatio, table } from "../../src/compare/report";
import { median, roundRatios } from "../../src/compare/stats";
import type { ExtraContext } from "../../src/context";
import type { Section } from "../../src/output";
import { distEntry } from "../../src/paths";
import { checkRequest } from "../../src/precheck";
import {
  attachPerfStat,
  type PerfCounts,
  perfCountsInstructions,
} from "../../src/process/perf-stat";
import { freePort } from "../../src/process/ports";
import { ServerProcess } from "../../src/process/server-process";
import { pinned } from "../../src/process/tools";
import { ROUTES } from "../../src/routes";
import { researchEntry } from "./paths";
import { TRANSPORT_VARIANTS, type TransportVariantId } from "./transport-variants";

export interface TransportConfig {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
}

/** One measured run of one variant. */
export interface TransportRun {
  requestsPerSec: number;
  requests: number;
  p99: number;
  userInstructionsPerRequest: number | null;
  /** Null where perf may not count the kernel. */
  kernelInstructionsPerRequest: number | null;
  cpuUsPerRequest: number | null;
  errors: number;
}

const HELLO = ROUTES.find((route) => route.id === "hello")!.load;
const MISSING = ROUTES.find((route) => route.id === "missing")!.load;

/** Rotated by one each round, so no variant always runs right after another. */
const rotated = <T>(items: readonly T[], by: number) =>
  items.map((_, i) => items[(i + by) % items.length]!);

function launchArgs(id: TransportVariantId, port: number): string[] {
  return id === "node-http"
    ? [distEntry("server"), "raw", String(port)]
    : [researchEntry("transport-server"), id, String(port)];
}

/** Does process.binding("http_parser") print a warning on this Node? (Checked, not assumed.) */
function bindingWarning(): string {
  const script =
    "process.on('warning', (w) => console.log(w.code ?? w.name)); process.binding('http_parser');";
  const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 15_000 });
  const codes = (result.stdout ?? "").trim();
  return codes === "" ? "no warning" : `a warning (${codes.split("\n").join(", ")})`;
}

async function measure(
  context: ExtraContext,
  server: ServerProcess,
  config: TransportConfig,
  withPerf: boolean,
): Promise<{ run: TransportRun; counts: PerfCounts | null }> {
  const perf = withPerf ? await attachPerfStat(server.pid) : null;
  const result = await context.load({
    port: server.port,
    request: HELLO,
    durationSec: config.durationSec,
    connections: config.connections,
  });
  const counts = perf === null ? null : await perf.stop();
  const perRequest = (value: number | null | undefined, scale = 1) =>
    value == null || result.requests === 0 ? null : (value * scale) / result.requests;
  return {
    counts,
    run: {
      requestsPerSec: result.requestsPerSec,
      requests: result.requests,
      p99: result.p99,
      userInstructionsPerRequest: perRequest(counts?.userInstructions),
      kernelInstructionsPerRequest: perRequest(counts?.kernelInstructions),
      cpuUsPerRequest: perRequest(counts?.taskClockMs, 1000),
      errors: result.non2xx + result.socketErrors,
    },
  };
}

/** Medians of the non-null values, or null if there are none. */
function medianOrNull(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : median(present);
}

function ratiosOrNull(values: (number | null)[], base: (number | null)[]) {
  if (values.some((v) => v === null) || base.some((v) => v === null)) return null;
  return roundRatios(values as number[], base as number[]);
}

export async function runTransport(
  context: ExtraContext,
  config: TransportConfig,
): Promise<Section> {
  const { log } = context;
  const withPerf = perfCountsInstructions();
  if (!withPerf) log("transport: perf cannot count instructions here; req/s only");
  const binding = bindingWarning();
  const loadAtStart = os.loadavg().map((n) => n.toFixed(2));
  const runs = new Map<TransportVariantId, TransportRun[]>(
    TRANSPORT_VARIANTS.map((v) => [v.id, []]),
  );
  /** Whether perf counted the kernel's instructions in every run. */
  let kernelCounted = withPerf;
  const servers = new Map<TransportVariantId, ServerProcess>();
  try {
    for (const { id } of TRANSPORT_VARIANTS) {
      const port = await freePort();
      const spec = pinned(context.tools, "0", process.execPath, launchArgs(id, port));
      const server = await ServerProcess.start({ name: id, port, ...spec });
      servers.set(id, server);
      // Same answers before any number counts: 200 + body on /hello, 404 elsewhere.
      for (const request of [HELLO, MISSING]) {
        const failure = await checkRequest(`http://127.0.0.1:${port}`, request);
        if (failure !== null) throw new Error(`transport variant ${id}: ${failure}`);
      }
    }
    if (config.warmupSec > 0) {
      for (const server of servers.values()) {
        await context.load({
          port: server.port,
          request: HELLO,
          durationSec: config.warmupSec,
          connections: config.connections,
        });
      }
    }
    for (let round = 0; round < config.rounds; round++) {
      for (const { id } of rotated(TRANSPORT_VARIANTS, round)) {
        const { run, counts } = await measure(context, servers.get(id)!, config, withPerf);
        runs.get(id)!.push(run);
        if (counts?.kernelInstructions == null) kernelCounted = false;
      }
      log(`transport: round ${round + 1}/${config.rounds}`);
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
  return transportSection({ config, runs, withPerf, kernelCounted, binding, loadAtStart });
}

interface TransportResults {
  config: TransportConfig;
  runs: Map<TransportVariantId, TransportRun[]>;
  withPerf: boolean;
  kernelCounted: boolean;
  binding: string;
  loadAtStart: string[];
}

function perfLine({ withPerf, kernelCounted }: TransportResults): string {
  if (!withPerf) return "perf could not count instructions here: req/s only.";
  const events = kernelCounted
    ? "instructions:u,instructions:k,task-clock"
    : "instructions:u,task-clock";
  const what = kernelCounted
    ? "user + kernel"
    : "user space only (perf may not count the kernel here)";
  return `Instructions (${what}) and CPU time: \`perf stat -e ${events} -p PID\` on the server over each measured run, divided by wrk's completed requests.`;
}

function transportSection(results: TransportResults): Section {
  const { config, runs } = results;
  const base = runs.get("node-http")!;
  // User + kernel when perf counted the kernel in every run, else user only (said above the table).
  const instructionsOf = (run: TransportRun) =>
    run.userInstructionsPerRequest === null
      ? null
      : run.userInstructionsPerRequest +
        (results.kernelCounted ? (run.kernelInstructionsPerRequest ?? 0) : 0);
  const column = <T>(list: TransportRun[], pick: (run: TransportRun) => T): T[] => list.map(pick);
  const fmtK = (value: number | null) => (value === null ? "—" : `${(value / 1000).toFixed(1)}k`);
  const rows = TRANSPORT_VARIANTS.map(({ id, label }) => {
    const list = runs.get(id)!;
    const instructions = column(list, instructionsOf);
    const cpu = medianOrNull(column(list, (run) => run.cpuUsPerRequest));
    const errors = list.reduce((sum, run) => sum + run.errors, 0);
    return [
      label,
      Math.round(median(column(list, (run) => run.requestsPerSec))).toLocaleString("en-US"),
      fmtRatio(
        roundRatios(
          column(list, (run) => run.requestsPerSec),
          column(base, (run) => run.requestsPerSec),
        ),
      ),
      fmtK(medianOrNull(instructions)),
      fmtK(medianOrNull(column(list, (run) => run.kernelInstructionsPerRequest))),
      fmtRatio(ratiosOrNull(instructions, column(base, instructionsOf))),
      cpu === null ? "—" : cpu.toFixed(2),
      median(column(list, (run) => run.p99)).toFixed(2),
      String(errors),
    ];
  });
  const header = [
    "variant",
    "req/s",
    "req/s vs (a)",
    "instructions/req",
    "of which kernel",
    "instructions vs (a)",
    "CPU µs/req",
    "p99 ms",
    "errors",
  ];
  const markdown = [
    "## Transport: GET /hello with and without node:http's IncomingMessage/ServerResponse",
    "",
    `${config.rounds} interleaved rounds × ${config.durationSec} s per variant after a ${config.warmupSec} s warm-up, ${config.connections} keep-alive connections; server on CPU 0, wrk on CPU 1; Node ${process.version}; load average at start ${results.loadAtStart.join(" ")}.`,
    perfLine(results),
    "req/s, instructions/req, CPU µs/req and p99 are medians over the rounds; the ratios are medians of per-round ratios (min–max).",
    "",
    table(header, rows),
    "",
    "- Every variant answers the same bytes: status line, Content-Type, Content-Length, Date, Connection: keep-alive and the 25-byte JSON.",
    "- (b) is a measurement floor, not a server: it reads no header (no body framing, no `Connection: close`, no limits but a 16 KiB head and a 1 MiB write queue), GET over HTTP/1.1 only.",
    `- (c) and (d) drive the HTTPParser class node:http uses (taken from \`node:_http_common\`; \`process.binding("http_parser")\` gives ${results.binding} on this Node). llhttp validates and frames requests and limits the head; there are no timeouts, no 100-continue and no upgrades.`,
    "",
  ].join("\n");
  return {
    name: "transport",
    markdown,
    data: {
      config,
      node: process.version,
      perf: results.withPerf,
      kernelCounted: results.kernelCounted,
      processBindingHttpParser: results.binding,
      loadAverageAtStart: results.loadAtStart,
      variants: TRANSPORT_VARIANTS.map(({ id, label }) => ({ id, label, runs: runs.get(id) })),
    },
  };
}
