import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fmtMb, table } from "../../src/compare/report";
import type { ExtraContext } from "../../src/context";
import type { Section } from "../../src/output";
import { freePort } from "../../src/process/ports";
import { ServerProcess } from "../../src/process/server-process";
import { pinned } from "../../src/process/tools";
import { launchSpec } from "../../src/servers/launch";
import type { NodeServerName } from "../../src/servers/registry";
import { SERVER_LABELS } from "../../src/servers/registry";
import { bytesPerConnectionBetween, type SettledRss, waitForSteadyRss } from "./memory-rss";
import { researchEntry } from "./paths";

const SERVERS: NodeServerName[] = ["raw", "fastify", "typhoon"];
/** File descriptors asked for (each connection is one in the server and one in the client). */
const NOFILE = 30_000;
// Raise the soft limit as far as the hard limit allows, then exec the real command.
const WITH_NOFILE = `ulimit -n ${NOFILE} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;
/** One answer from the idle client (opening thousands of connections on a busy machine). */
const CLIENT_STEP_TIMEOUT_MS = 150_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withNofile = (spec: { command: string; args: string[] }) => ({
  command: "sh",
  args: ["-c", WITH_NOFILE, "sh", spec.command, ...spec.args],
});

interface IdleStep {
  /** Connections open once the step's opening finished. */
  opened: number;
  failed: number;
  rss: number | null;
  /** False when RSS was still moving when the settle bound (5 s) ran out. */
  settled: boolean;
}

interface IdleResult {
  server: NodeServerName;
  target: number;
  before: IdleStep;
  half: IdleStep;
  all: IdleStep;
  stillOpen: number;
  /** Main figure: bytes per connection between the half and the full step (the slope). */
  marginalBytesPerConnection: number | null;
  /** (RSS with all − RSS before) / connections: includes what the server grew before. */
  fromBeforeBytesPerConnection: number | null;
}

/** The idle client in its own pinned process, driven by one command line per step. */
function idleClient(context: ExtraContext, port: number) {
  const spec = withNofile(
    pinned(context.tools, "1", process.execPath, [researchEntry("idle-client"), String(port)]),
  );
  const child = spawn(spec.command, spec.args, { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const ask = (command: string, expected: string) =>
    new Promise<string[]>((resolve, reject) => {
      const settle = (error: Error | null, line?: string) => {
        clearTimeout(timer);
        lines.off("line", onLine);
        child.off("exit", onExit);
        if (error) reject(error);
        else resolve((line ?? "").split(" "));
      };
      const onLine = (line: string) =>
        line.startsWith(`${expected} `)
          ? settle(null, line)
          : settle(new Error(`idle client answered "${line}" to "${command}"`));
      const onExit = () => settle(new Error("idle client exited early"));
      const timer = setTimeout(
        () => settle(new Error(`idle client timed out on "${command}"`)),
        CLIENT_STEP_TIMEOUT_MS,
      );
      if (exited) return onExit();
      lines.on("line", onLine);
      child.once("exit", onExit);
      child.stdin.write(`${command}\n`);
    });
  return {
    /** Opens `count` more connections; resolves with the totals once they are all idle. */
    async open(count: number): Promise<{ opened: number; failed: number }> {
      const [, opened, , failed] = await ask(`open ${count}`, "open");
      return { opened: Number(opened), failed: Number(failed) };
    },
    /** How many connections were still open at the end; closes them and the client. */
    async close(): Promise<number> {
      const [, still] = await ask("close", "still");
      return Number(still);
    },
    kill: () => {
      if (!exited) child.kill("SIGKILL");
    },
  };
}

async function measure(
  context: ExtraContext,
  server: NodeServerName,
  count: number,
): Promise<IdleResult> {
  const port = await freePort();
  // Idle connections must outlive the measurement; Typhoon's default cap of 1,024 is raised.
  const spec = launchSpec(server, context.tools, {
    port,
    keepAliveTimeout: 120_000,
    maxConnections: 20_000,
  });
  const process_ = await ServerProcess.start({ ...spec, ...withNofile(spec) });
  const steady = (): Promise<SettledRss> =>
    waitForSteadyRss({ read: () => process_.currentRss(), sleep });
  const client = idleClient(context, port);
  try {
    const before = await steady();
    const halfOpen = await client.open(Math.floor(count / 2));
    const half = await steady();
    const allOpen = await client.open(count - Math.floor(count / 2));
    const all = await steady();
    const stillOpen = await client.close();
    const step = (open: { opened: number; failed: number }, rss: SettledRss): IdleStep => ({
      ...open,
      rss: rss.rss,
      settled: rss.settled,
    });
    const result = {
      server,
      target: count,
      before: step({ opened: 0, failed: 0 }, before),
      half: step(halfOpen, half),
      all: step(allOpen, all),
      stillOpen,
    };
    const at = (s: IdleStep) => ({ rss: s.rss, connections: s.opened });
    return {
      ...result,
      marginalBytesPerConnection: bytesPerConnectionBetween(at(result.half), at(result.all)),
      fromBeforeBytesPerConnection: bytesPerConnectionBetween(at(result.before), at(result.all)),
    };
  } finally {
    client.kill();
    await process_.stop();
  }
}

const fmtKib = (bytes: number | null) =>
  bytes === null ? "—" : `${(bytes / 1024).toFixed(2)} KiB`;
/** RSS, marked when it was still moving at the end of the settle bound. */
const fmtRss = (step: IdleStep) => `${fmtMb(step.rss)}${step.settled ? "" : " *"}`;

/** Typhoon/Fastify on one figure, or null when either is missing or Fastify's is not > 0. */
function ratio(results: IdleResult[], figure: (r: IdleResult) => number | null): number | null {
  const of = (name: NodeServerName) => {
    const result = results.find((r) => r.server === name);
    return result ? figure(result) : null;
  };
  const typhoon = of("typhoon");
  const fastify = of("fastify");
  return typhoon !== null && fastify !== null && fastify > 0 ? typhoon / fastify : null;
}

function verdict(results: IdleResult[]): string {
  const marginal = ratio(results, (r) => r.marginalBytesPerConnection);
  if (marginal === null) {
    return "- target: not measurable (a server had no RSS reading or no growth between the steps)";
  }
  const fromBefore = ratio(results, (r) => r.fromBeforeBytesPerConnection);
  const second = fromBefore === null ? "" : `; from before: ${fromBefore.toFixed(2)}×`;
  return `- ${marginal <= 1 ? "✅" : "❌"} target: per idle connection no worse than Fastify, on the marginal cost (Typhoon/Fastify ${marginal.toFixed(2)}×${second})`;
}

/** 10,000 idle keep-alive connections opened in two steps: the marginal RSS per connection. */
export async function runMemory(context: ExtraContext): Promise<Section> {
  const count = context.quick ? 2_000 : 10_000;
  const half = Math.floor(count / 2);
  const results: IdleResult[] = [];
  for (const server of SERVERS) {
    context.log(`memory: ${server}, ${half} then ${count} idle connections`);
    results.push(await measure(context, server, count));
  }
  const rows = results.map((r) => [
    SERVER_LABELS[r.server],
    `${r.half.opened} + ${r.all.opened - r.half.opened} / ${r.target}`,
    String(r.stillOpen),
    fmtRss(r.before),
    fmtRss(r.half),
    fmtRss(r.all),
    fmtKib(r.marginalBytesPerConnection),
    fmtKib(r.fromBeforeBytesPerConnection),
  ]);
  const unsettled = results.some((r) => !(r.before.settled && r.half.settled && r.all.settled));
  const fmt = (n: number) => n.toLocaleString("en-US");
  const markdown = [
    `## Memory with ${fmt(count)} idle keep-alive connections`,
    "",
    "Each connection sent one GET /hello and then stayed idle (keep-alive 120 s on every server;",
    `Typhoon's maxConnections raised from its default 1,024). The client opens ${fmt(half)}`,
    `connections, then ${fmt(count - half)} more; the server's VmRSS is read before them and after`,
    "each step once it settles (sampled every 250 ms until two readings differ by < 0.5%, at",
    "most 5 s). **Marginal** is the slope between the two steps, (RSS all − RSS half) / added",
    "connections: the cost of the connections themselves. **From before** is (RSS all − RSS",
    "before) / connections, which also counts whatever a server grows or warms up once it has",
    "work (it makes a server that grew its heap at startup, like Fastify compiling schemas,",
    "look cheaper). The client runs in its own process on CPU 1 with",
    `\`ulimit -n ${NOFILE}\` (raised in the script as far as the hard limit allows).`,
    "",
    table(
      [
        "server",
        "opened (half + rest / asked)",
        "still open at the end",
        "RSS before",
        "RSS half",
        "RSS all",
        "per connection (marginal)",
        "per connection (from before)",
      ],
      rows,
    ),
    "",
    ...(unsettled
      ? ["\\* RSS still moving (≥ 0.5% per 250 ms) when the 5 s bound ran out.", ""]
      : []),
    verdict(results),
    "",
  ].join("\n");
  return { name: "memory", markdown, data: results };
}
