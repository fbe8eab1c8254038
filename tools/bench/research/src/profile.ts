import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { table } from "../../src/compare/report";
import type { ExtraContext } from "../../src/context";
import type { Section } from "../../src/output";
import { distEntry, resultsDir } from "../../src/paths";
import { freePort } from "../../src/process/ports";
import { ServerProcess } from "../../src/process/server-process";
import { pinned } from "../../src/process/tools";
import { ROUTES, type RouteId } from "../../src/routes";
import { type NodeServerName, SERVER_LABELS } from "../../src/servers/registry";
import { type CpuProfile, summariseProfile } from "./cpuprofile";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a server under `node --cpu-prof` while wrk loads one route; returns the profile. */
async function profileRoute(
  context: ExtraContext,
  server: NodeServerName,
  route: RouteId,
  durationSec: number,
) {
  const dir = path.join(resultsDir(), "profiles", server, route);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = ["--cpu-prof", "--cpu-prof-dir", dir, distEntry("server"), server, String(port)];
  const process_ = await ServerProcess.start({
    name: server,
    port,
    ...pinned(context.tools, "0", process.execPath, args),
  });
  const request = ROUTES.find((r) => r.id === route)!.load;
  let requests = 0;
  try {
    const warm = await context.load({ port, request, durationSec: 1, connections: 64 });
    const measured = await context.load({ port, request, durationSec, connections: 64 });
    requests = warm.requests + measured.requests;
  } finally {
    await process_.stop();
  }
  // The profile is written as the process exits; give the file system a moment.
  for (let i = 0; i < 50; i++) {
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (file !== undefined) {
      const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
      return { file: path.join(dir, file), requests, summary: summariseProfile(profile) };
    }
    await sleep(100);
  }
  throw new Error(`no .cpuprofile appeared in ${dir}`);
}

const pct = (value: number) => `${value.toFixed(1)}%`;

/** `pnpm bench profile --routes item [--servers typhoon,fastify]`: where the time goes. */
export async function runProfile(
  context: ExtraContext,
  routes: RouteId[],
  servers: NodeServerName[],
): Promise<Section> {
  const durationSec = context.quick ? 2 : 5;
  const parts = ["## CPU profiles (`node --cpu-prof`, server on CPU 0 under wrk)", ""];
  const data: Record<string, unknown> = {};
  for (const route of routes) {
    for (const server of servers) {
      context.log(`profile: ${server} on ${route}`);
      const { file, requests, summary } = await profileRoute(context, server, route, durationSec);
      // CPU the server spent per request (idle excluded): steadier than req/s on a busy machine.
      const idle = summary.layers.find((l) => l.name === "(idle)")?.percent ?? 0;
      const busyUs = (summary.totalMs * 1000 * (1 - idle / 100)) / Math.max(requests, 1);
      const us = (percent: number) => ((busyUs * percent) / (100 - idle)).toFixed(2);
      data[`${server}/${route}`] = { file, requests, busyUsPerRequest: busyUs, ...summary };
      const title = ROUTES.find((r) => r.id === route)!.title;
      parts.push(
        `### ${SERVER_LABELS[server]}: ${title}`,
        "",
        `${requests.toLocaleString("en-US")} requests (1 s warm-up + ${durationSec} s); busy CPU per request: **${busyUs.toFixed(2)} µs**. Profile: \`${path.relative(process.cwd(), file)}\` (Chrome DevTools → Performance).`,
        "",
        table(
          ["layer", "self time", "µs per request"],
          summary.layers.map((l) => [
            l.name,
            pct(l.percent),
            l.name === "(idle)" ? "—" : us(l.percent),
          ]),
        ),
        "",
        table(
          ["function (top self time)", "self time"],
          summary.functions.map((f) => [`\`${f.name}\``, pct(f.percent)]),
        ),
        "",
      );
    }
  }
  return { name: "profile", markdown: parts.join("\n"), data };
}
