import { machineMarkdown } from "../machine";
import { SERVER_LABELS } from "../servers/registry";
import type { Spread } from "./stats";
import { checkTargets } from "./targets";
import type { CompareReport, RouteResult } from "./types";

export const fmtRatio = (ratio: Spread | null) =>
  ratio === null
    ? "—"
    : `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`;
export const fmtMb = (bytes: number | null) =>
  bytes === null ? "—" : `${(bytes / 2 ** 20).toFixed(1)} MB`;
const fmtInt = (value: number) => Math.round(value).toLocaleString("en-US");
const fmtMs = (value: number) => value.toFixed(2);

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function routeTable(route: RouteResult): string {
  const rows = route.servers.map((s) => [
    SERVER_LABELS[s.server],
    fmtInt(s.requestsPerSec),
    fmtMs(s.p50),
    fmtMs(s.p99),
    fmtMb(s.peakRss),
    fmtRatio(s.vsFastify),
    fmtRatio(s.vsRaw),
  ]);
  const header = ["server", "req/s", "p50 ms", "p99 ms", "peak RSS", "vs Fastify", "vs raw"];
  const targets = checkTargets(route).map((t) => `- ${t.met ? "✅" : "❌"} ${t.text}`);
  return [`### ${route.title}`, "", table(header, rows), "", ...targets].join("\n");
}

function summaryTable(report: CompareReport): string {
  const baseline = report.config.servers.includes("baseline");
  const rows = report.routes.map((route) => {
    const typhoon = route.servers.find((s) => s.server === "typhoon");
    return [
      route.title,
      fmtRatio(typhoon?.vsFastify ?? null),
      fmtRatio(typhoon?.vsRaw ?? null),
      fmtRatio(route.typhoonP99VsFastify),
      fmtRatio(route.typhoonVsFastapi),
      ...(baseline ? [fmtRatio(route.typhoonVsBaseline)] : []),
    ];
  });
  const header = [
    "route",
    "Typhoon/Fastify",
    "Typhoon/raw",
    "p99 Typhoon/Fastify",
    "Typhoon/FastAPI",
    ...(baseline ? ["Typhoon/baseline"] : []),
  ];
  return table(header, rows);
}

/** The whole report as Markdown: summary of ratios, then one table per route. */
export function compareMarkdown(report: CompareReport): string {
  const c = report.config;
  const parts = [
    "## Side by side",
    "",
    machineMarkdown(report.machine),
    `- Command: \`${report.command}\` — ${c.rounds} rounds × ${c.durationSec} s per server and route after a ${c.warmupSec} s warm-up${c.primeSec > 0 ? `, each run right after ${c.primeSec} s of unmeasured load` : ""}, ${c.connections} connections; server on CPU 0, load generator on CPU 1`,
    `- Run: ${report.startedAt} → ${report.finishedAt}; load average at the end: ${report.loadAverageAtEnd.join(" ")}`,
    "",
    "Ratios are medians of per-round ratios of requests/s (min–max in brackets); req/s, p50,",
    "p99 and peak RSS are medians over the rounds. Peak RSS is the server's VmHWM during one run.",
    "",
    summaryTable(report),
    "",
    ...report.routes.flatMap((route) => [routeTable(route), ""]),
  ];
  if (report.warnings.length > 0) {
    parts.push("Warnings:", "", ...report.warnings.map((w) => `- ${w}`), "");
  }
  return parts.join("\n");
}
