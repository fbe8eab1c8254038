// Markdown for `pnpm bench instructions`: a summary of Typhoon's ratios, then a table per route.

import { fmtRatio, table } from "../compare/report";
import type { Spread } from "../compare/stats";
import { SERVER_LABELS } from "../servers/registry";
import {
  type InstructionsConfig,
  instructionsRatio,
  type RouteSummary,
  type ServerSummary,
} from "./instructions-stats";

export interface InstructionsReport {
  config: InstructionsConfig;
  command: string;
  node: string;
  startedAt: string;
  finishedAt: string;
  loadAverageAtStart: string[];
  loadAverageAtEnd: string[];
  /** Whether perf counted kernel instructions in every run (else user space only). */
  kernelCounted: boolean;
  routes: RouteSummary[];
  warnings: string[];
}

const k = (value: number) => (value / 1000).toFixed(1);
/** `66.2k (65.8–67.0)`: median, then min–max of the runs, in thousands. */
export const fmtThousands = (value: Spread | null) =>
  value === null ? "—" : `${k(value.median)}k (${k(value.min)}–${k(value.max)})`;
export const fmtMedian = (value: Spread | null, digits: number) =>
  value === null ? "—" : value.median.toFixed(digits);
export const fmtBytes = (value: Spread | null) =>
  value === null ? "—" : `${Math.round(value.median).toLocaleString("en-US")} B`;

function serverRow(route: RouteSummary, server: ServerSummary): string[] {
  return [
    SERVER_LABELS[server.server],
    fmtThousands(server.instructions),
    server.kernelInstructions === null ? "—" : `${k(server.kernelInstructions.median)}k`,
    fmtMedian(server.cpuUs, 2),
    fmtBytes(server.allocatedBytes),
    Math.round(server.requestsPerSec.median).toLocaleString("en-US"),
    fmtRatio(instructionsRatio(route.servers, server.server, "fastify")),
    fmtRatio(instructionsRatio(route.servers, server.server, "raw")),
    String(server.errors),
  ];
}

export function routeTable(route: RouteSummary): string {
  const header = [
    "server",
    "instructions/req",
    "of which kernel",
    "CPU µs/req",
    "allocated/req",
    "req/s",
    "instructions vs Fastify",
    "vs raw",
    "errors",
  ];
  return table(
    header,
    route.servers.map((server) => serverRow(route, server)),
  );
}

export function summaryTable(routes: readonly RouteSummary[]): string {
  return table(
    ["route", "Typhoon/Fastify", "Typhoon/raw"],
    routes.map((route) => [
      route.title,
      fmtRatio(route.typhoonVsFastify),
      fmtRatio(route.typhoonVsRaw),
    ]),
  );
}

function perfLine(kernelCounted: boolean): string {
  const events = kernelCounted
    ? "instructions:u,instructions:k,task-clock"
    : "instructions:u,task-clock";
  const what = kernelCounted ? "user + kernel" : "user space only: perf could not count the kernel";
  return `Instructions (${what}) and CPU time: \`perf stat -e ${events} -p PID\` on the server over each measured run, divided by wrk's completed requests.`;
}

export function instructionsMarkdown(report: InstructionsReport): string {
  const c = report.config;
  const parts = [
    "## Instructions per request",
    "",
    `- Command: \`${report.command}\` — per route, each server in its own process (${c.servers.join(", ")}) on CPU 0, warmed for ${c.warmupSec} s, then ${c.rounds} runs × ${c.durationSec} s, ${c.connections} keep-alive connections from wrk on CPU 1`,
    `- Node ${report.node}; run ${report.startedAt} → ${report.finishedAt}; load average ${report.loadAverageAtStart.join(" ")} at the start, ${report.loadAverageAtEnd.join(" ")} at the end`,
    "",
    perfLine(report.kernelCounted),
    "Figures are medians over the runs, instructions with the runs' min–max; ratios are of the medians, bracketed by the runs' extremes. Allocation is the used heap V8 reports at each GC (`--trace-gc`): from the last GC before a run to the last GC in it, so ± one young generation.",
    "",
    summaryTable(report.routes),
    "",
  ];
  for (const route of report.routes) parts.push(`### ${route.title}`, "", routeTable(route), "");
  if (report.warnings.length > 0) {
    parts.push("Warnings:", "", ...report.warnings.map((w) => `- ${w}`), "");
  }
  return parts.join("\n");
}

/** The section when perf cannot count: says so, measures nothing. */
export function noPerfMarkdown(): string {
  return [
    "## Instructions per request",
    "",
    "perf cannot count instructions on this machine (not installed, or `perf_event_paranoid` forbids it): nothing measured. Install `linux-perf` or lower `/proc/sys/kernel/perf_event_paranoid`, then run `pnpm bench instructions` again.",
    "",
  ].join("\n");
}
