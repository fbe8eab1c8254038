import { fmtRatio, table } from "../../src/compare/report";
import { roundRatios, spread } from "../../src/compare/stats";
import type { ExtraContext } from "../../src/context";
import type { Section } from "../../src/output";
import { runJson } from "../../src/process/run-json";
import { pinned } from "../../src/process/tools";
import { researchEntry } from "./paths";

interface LookupResult {
  routes: number;
  samples: number;
  buildMs: Record<string, number>;
  nsPerLookup: Record<string, { typhoon: number[]; "find-my-way": number[] }>;
}

const fmtNs = (values: number[]) => {
  const s = spread(values);
  return `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
};

/** The router micro-bench, in its own process pinned to CPU 0. */
export async function runRouterLookup(context: ExtraContext): Promise<Section> {
  const samples = context.quick ? 3 : 9;
  const { command, args } = pinned(context.tools, "0", process.execPath, [
    researchEntry("router-lookup"),
    String(samples),
    context.quick ? "20" : "60",
  ]);
  context.log(`router: ${samples} samples per kind and router`);
  const result = await runJson<LookupResult>(command, args, 300_000);
  const rows = Object.entries(result.nsPerLookup).map(([kind, ns]) => [
    kind,
    fmtNs(ns.typhoon),
    fmtNs(ns["find-my-way"]),
    fmtRatio(roundRatios(ns.typhoon, ns["find-my-way"])),
  ]);
  const markdown = [
    `## Router lookup, ${result.routes.toLocaleString("en-US")} routes`,
    "",
    `ns per lookup, median (min–max) of ${result.samples} samples, 256 different paths per kind; ratio below 1 means @typhoon/router is faster:`,
    "",
    table(
      ["path kind", "@typhoon/router match()", "find-my-way find()", "Typhoon/find-my-way time"],
      rows,
    ),
    "",
    `- Building the table: @typhoon/router ${result.buildMs.typhoon!.toFixed(1)} ms, find-my-way ${result.buildMs["find-my-way"]!.toFixed(1)} ms`,
    "",
  ].join("\n");
  return { name: "router", markdown, data: result };
}
