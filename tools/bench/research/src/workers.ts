import { fmtMb, fmtRatio, table } from "../../src/compare/report";
import { median, roundRatios } from "../../src/compare/stats";
import type { ExtraContext } from "../../src/context";
import type { Section } from "../../src/output";
import { freePort } from "../../src/process/ports";
import { ServerProcess } from "../../src/process/server-process";
import { pinned } from "../../src/process/tools";
import { ROUTES } from "../../src/routes";
import { researchEntry } from "./paths";

const SETUPS = [
  {
    id: "one-pinned",
    label: "1 process on CPU 0 (as in the side-by-side run)",
    cpus: "0",
    workers: 1,
  },
  { id: "one-free", label: "1 process on CPUs 0-1", cpus: "0,1", workers: 1 },
  { id: "two-workers", label: "workers: 2 on CPUs 0-1", cpus: "0,1", workers: 2 },
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Typhoon's `workers: 2` against one process, on /hello, in interleaved rounds. */
export async function runWorkers(context: ExtraContext): Promise<Section> {
  const rounds = context.quick ? 1 : 3;
  const durationSec = context.quick ? 1 : 2;
  const hello = ROUTES[0]!.load;
  const servers = new Map<string, ServerProcess>();
  const rps = new Map<string, number[]>(SETUPS.map((s) => [s.id, []]));
  const p99 = new Map<string, number[]>(SETUPS.map((s) => [s.id, []]));
  const rss = new Map<string, number[]>(SETUPS.map((s) => [s.id, []]));
  const problems: string[] = [];
  try {
    for (const setup of SETUPS) {
      const port = await freePort();
      const spec = pinned(context.tools, setup.cpus, process.execPath, [
        researchEntry("typhoon-workers"),
        String(port),
        String(setup.workers),
      ]);
      servers.set(setup.id, await ServerProcess.start({ name: setup.id, port, ...spec }));
    }
    await sleep(1_000); // the second worker may start listening a little after the first
    for (const server of servers.values()) {
      await context.load({ port: server.port, request: hello, durationSec: 1, connections: 64 });
    }
    for (let round = 1; round <= rounds; round++) {
      for (const setup of SETUPS) {
        const server = servers.get(setup.id)!;
        server.resetPeakRss();
        const result = await context.load({
          port: server.port,
          request: hello,
          durationSec,
          connections: 64,
        });
        rps.get(setup.id)!.push(result.requestsPerSec);
        if (result.non2xx > 0 || result.socketErrors > 0) {
          problems.push(
            `${setup.label}, round ${round}: ${result.non2xx} non-2xx, ${result.socketErrors} socket errors`,
          );
        }
        p99.get(setup.id)!.push(result.p99);
        const peak = server.peakRss();
        if (peak !== null) rss.get(setup.id)!.push(peak);
      }
      context.log(`workers: round ${round}/${rounds}`);
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
  const base = rps.get("one-pinned")!;
  const rows = SETUPS.map((setup) => {
    const list = rss.get(setup.id)!;
    return [
      setup.label,
      Math.round(median(rps.get(setup.id)!)).toLocaleString("en-US"),
      median(p99.get(setup.id)!).toFixed(2),
      list.length > 0 ? fmtMb(median(list)) : "—",
      fmtRatio(roundRatios(rps.get(setup.id)!, base)),
    ];
  });
  const markdown = [
    "## Typhoon `workers: 2` vs one process (GET /hello)",
    "",
    `${rounds} interleaved rounds × ${durationSec} s, wrk on CPU 1 in every case. On this 2-core machine the`,
    "load generator shares CPU 1 with the second worker, so this is a sanity check that worker",
    "mode serves and spreads load, not a scaling measurement. Peak RSS sums the primary and its workers.",
    "",
    table(["setup", "req/s", "p99 ms", "peak RSS (all processes)", "vs 1 process on CPU 0"], rows),
    "",
    problems.length === 0 ? "Every response was a 200." : `Errors: ${problems.join("; ")}`,
    "",
  ].join("\n");
  return {
    name: "workers",
    markdown,
    data: {
      rounds,
      durationSec,
      rps: Object.fromEntries(rps),
      p99: Object.fromEntries(p99),
      rss: Object.fromEntries(rss),
    },
  };
}
