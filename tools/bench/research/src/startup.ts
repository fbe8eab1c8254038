import { fmtRatio, table } from "../../src/compare/report";
import { spread } from "../../src/compare/stats";
import type { ExtraContext } from "../../src/context";
import type { Section } from "../../src/output";
import { freePort } from "../../src/process/ports";
import { runJson } from "../../src/process/run-json";
import { ServerProcess } from "../../src/process/server-process";
import { pinned } from "../../src/process/tools";
import { LAST_ROUTE_PATH, ROUTE_COUNT } from "./many-routes/constants";
import { researchEntry } from "./paths";

const KINDS = [
  { kind: "node", label: "bare node:http (the floor: Node's own start)" },
  { kind: "fastify", label: `Fastify 5, ${ROUTE_COUNT.toLocaleString("en-US")} routes` },
  { kind: "typhoon", label: `Typhoon, ${ROUTE_COUNT.toLocaleString("en-US")} routes` },
] as const;

const fmtMs = (s: { median: number; min: number; max: number }) =>
  `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;

/** Startup of a 1,000-route app: spawn → first 200 on the last route, and build() in-process. */
export async function runStartup(context: ExtraContext): Promise<Section> {
  const { tools, log } = context;
  const repeats = context.quick ? 3 : 9;
  const times = new Map<string, number[]>(KINDS.map(({ kind }) => [kind, []]));
  // Interleaved like the throughput rounds, so a busy moment does not hit one kind only.
  for (let i = 0; i < repeats; i++) {
    for (const { kind } of KINDS) {
      const port = await freePort();
      const spec = pinned(tools, "0", process.execPath, [
        researchEntry("many-routes-server"),
        kind,
        String(port),
      ]);
      const server = await ServerProcess.start({
        name: kind,
        port,
        readyPath: LAST_ROUTE_PATH,
        ...spec,
      });
      times.get(kind)!.push(server.readyAfterMs);
      await server.stop();
    }
    log(`startup: repeat ${i + 1}/${repeats}`);
  }
  const build = pinned(tools, "0", process.execPath, [
    researchEntry("build-time"),
    String(repeats),
  ]);
  const inProcess = await runJson<{ declareMs: number[]; buildMs: number[] }>(
    build.command,
    build.args,
    120_000,
  );

  const spawnRows = KINDS.map(({ kind, label }) => [label, fmtMs(spread(times.get(kind)!))]);
  const typhoon = spread(times.get("typhoon")!);
  const ratio = spread(times.get("typhoon")!.map((t, i) => t / times.get("fastify")![i]!));
  const markdown = [
    "## Startup with 1,000 routes",
    "",
    `Spawn → first 200 on the last declared route (${LAST_ROUTE_PATH}), ${repeats} runs each, ms, median (min–max), server on CPU 0:`,
    "",
    table(["app", "spawn → first response, ms"], spawnRows),
    "",
    `- Typhoon/Fastify startup time: ${fmtRatio(ratio)} (per run; below 1 is faster)`,
    `- ${typhoon.median < 300 ? "✅" : "❌"} target: under 300 ms (median ${typhoon.median.toFixed(0)} ms)`,
    `- In-process, ${ROUTE_COUNT.toLocaleString("en-US")} routes, ${repeats} fresh apps in one process (the first is cold): declare ${fmtMs(spread(inProcess.declareMs))} ms, \`build()\` ${fmtMs(spread(inProcess.buildMs))} ms (first build: ${inProcess.buildMs[0]!.toFixed(1)} ms)`,
    "",
  ].join("\n");
  return {
    name: "startup",
    markdown,
    data: { repeats, spawnToFirstResponseMs: Object.fromEntries(times), inProcess },
  };
}
