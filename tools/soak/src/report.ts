import type { SoakReport } from "./runner";
import type { IntervalStats } from "./stats";

const mib = (bytes: number | null) =>
  bytes === null ? "    -" : (bytes / 1024 / 1024).toFixed(1).padStart(6);

export const INTERVAL_HEADER = "   t(s)  requests  errors  intended 4xx  p99(ms)  rss(MiB)";

/** One line per interval, under INTERVAL_HEADER. */
export function formatInterval(stats: IntervalStats): string {
  return [
    stats.t.toFixed(0).padStart(7),
    String(stats.requests).padStart(9),
    String(stats.errors).padStart(7),
    String(stats.intended).padStart(13),
    stats.p99Ms.toFixed(1).padStart(8),
    mib(stats.rss).padStart(9),
  ].join(" ");
}

/** The summary printed at the end of a soak. */
export function formatReport(report: SoakReport): string {
  const lines = [
    "",
    `requests ${report.requests} in ${(report.durationMs / 1000).toFixed(1)} s, ` +
      `errors ${report.errors}, intended 4xx ${report.intended}, ` +
      `p50 ${report.p50Ms.toFixed(1)} ms, p99 ${report.p99Ms.toFixed(1)} ms`,
    "by operation (ok / intended 4xx / errors):",
    ...Object.entries(report.byKind).map(
      ([kind, c]) => `  ${kind.padEnd(14)} ${c.ok} / ${c.intended} / ${c.error}`,
    ),
    `memory: ${report.memory === null ? "RSS not sampled (no server pid)" : report.memory.reason}`,
  ];
  if (report.serverExitCode !== null)
    lines.push(`server exit code after SIGTERM: ${report.serverExitCode}`);
  if (report.errorSamples.length > 0)
    lines.push("first errors:", ...report.errorSamples.map((e) => `  ${e}`));
  lines.push(report.passed ? "PASSED" : "FAILED");
  return lines.join("\n");
}
