import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { table } from "../compare/report";
import type { Section } from "../output";
import { distEntry, resultsDir } from "../paths";
import { freePort } from "../process/ports";
import { ServerProcess } from "../process/server-process";
import { pinned } from "../process/tools";
import { ROUTES, type RouteId } from "../routes";
import type { ExtraContext } from "./context";
import { type CpuProfile, summariseProfile } from "./cpuprofile";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs Typhoon under `node --cpu-prof` while wrk loads one route; returns the profile. */
async function profileRoute(context: ExtraContext, route: RouteId, durationSec: number) {
  const dir = path.join(resultsDir(), "profiles", route);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = ["--cpu-prof", "--cpu-prof-dir", dir, distEntry("server"), "typhoon", String(port)];
  const server = await ServerProcess.start({
    name: "typhoon",
    port,
    ...pinned(context.tools, "0", process.execPath, args),
  });
  const request = ROUTES.find((r) => r.id === route)!.load;
  try {
    await context.load({ port, request, durationSec: 1, connections: 64 }); // warm-up
    await context.load({ port, request, durationSec, connections: 64 });
  } finally {
    await server.stop();
  }
  // The profile is written as the process exits; give the file system a moment.
  for (let i = 0; i < 50; i++) {
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (file !== undefined) {
      const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
      return { file: path.join(dir, file), summary: summariseProfile(profile) };
    }
    await sleep(100);
  }
  throw new Error(`no .cpuprofile appeared in ${dir}`);
}

const pct = (value: number) => `${value.toFixed(1)}%`;

/** `pnpm bench profile --routes item`: where Typhoon's time goes on the given routes. */
export async function runProfile(context: ExtraContext, routes: RouteId[]): Promise<Section> {
  const durationSec = context.quick ? 2 : 5;
  const parts = ["## Typhoon CPU profiles (`node --cpu-prof`, server on CPU 0 under wrk)", ""];
  const data: Record<string, unknown> = {};
  for (const route of routes) {
    context.log(`profile: ${route}`);
    const { file, summary } = await profileRoute(context, route, durationSec);
    data[route] = { file, ...summary };
    const title = ROUTES.find((r) => r.id === route)!.title;
    parts.push(
      `### ${title}`,
      "",
      `Profile: \`${path.relative(process.cwd(), file)}\` (open in Chrome DevTools → Performance).`,
      "",
      table(
        ["layer", "self time"],
        summary.layers.map((l) => [l.name, pct(l.percent)]),
      ),
      "",
      table(
        ["function (top self time)", "self time"],
        summary.functions.map((f) => [`\`${f.name}\``, pct(f.percent)]),
      ),
      "",
    );
  }
  return { name: "profile", markdown: parts.join("\n"), data };
}
