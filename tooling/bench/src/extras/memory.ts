import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fmtMb, table } from "../compare/report";
import type { Section } from "../output";
import { distEntry } from "../paths";
import { freePort } from "../process/ports";
import { ServerProcess } from "../process/server-process";
import { pinned } from "../process/tools";
import { launchSpec } from "../servers/launch";
import type { NodeServerName } from "../servers/registry";
import { SERVER_LABELS } from "../servers/registry";
import type { ExtraContext } from "./context";

const SERVERS: NodeServerName[] = ["raw", "fastify", "typhoon"];
/** File descriptors asked for (each connection is one in the server and one in the client). */
const NOFILE = 30_000;
// Raise the soft limit as far as the hard limit allows, then exec the real command.
const WITH_NOFILE = `ulimit -n ${NOFILE} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withNofile = (spec: { command: string; args: string[] }) => ({
  command: "sh",
  args: ["-c", WITH_NOFILE, "sh", spec.command, ...spec.args],
});

interface IdleResult {
  server: NodeServerName;
  target: number;
  opened: number;
  failed: number;
  stillOpen: number;
  rssBefore: number | null;
  rssIdle: number | null;
  bytesPerConnection: number | null;
}

/** Opens the connections from a separate pinned process; resolves once they are all idle. */
function idleClient(context: ExtraContext, port: number, count: number) {
  const spec = withNofile(
    pinned(context.tools, "1", process.execPath, [
      distEntry("idle-client"),
      String(port),
      String(count),
    ]),
  );
  const child = spawn(spec.command, spec.args, { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("idle client timed out")), 150_000);
      lines.once("line", (line) => {
        clearTimeout(timer);
        resolve(line);
      });
      child.once("exit", () => reject(new Error("idle client exited early")));
    });
  return {
    opened: next(),
    async close(): Promise<number> {
      const still = next();
      child.stdin.end("close\n");
      const line = await still;
      return Number(line.split(" ")[1]);
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
  try {
    await sleep(500);
    const rssBefore = process_.currentRss();
    const client = idleClient(context, port, count);
    const [, openedText, , failedText] = (await client.opened).split(" ");
    await sleep(2_000); // let the server settle (GC, buffers) with every connection idle
    const rssIdle = process_.currentRss();
    const stillOpen = await client.close();
    const opened = Number(openedText);
    const grew = rssBefore !== null && rssIdle !== null && opened > 0;
    return {
      server,
      target: count,
      opened,
      failed: Number(failedText),
      stillOpen,
      rssBefore,
      rssIdle,
      bytesPerConnection: grew ? (rssIdle - rssBefore) / opened : null,
    };
  } finally {
    await process_.stop();
  }
}

/** 10,000 idle keep-alive connections: the server's RSS before and with them open. */
export async function runMemory(context: ExtraContext): Promise<Section> {
  const count = context.quick ? 2_000 : 10_000;
  const results: IdleResult[] = [];
  for (const server of SERVERS) {
    context.log(`memory: ${server}, ${count} idle connections`);
    results.push(await measure(context, server, count));
  }
  const rows = results.map((r) => [
    SERVER_LABELS[r.server],
    `${r.opened} / ${r.target}`,
    String(r.stillOpen),
    fmtMb(r.rssBefore),
    fmtMb(r.rssIdle),
    r.bytesPerConnection === null ? "—" : `${(r.bytesPerConnection / 1024).toFixed(1)} KiB`,
  ]);
  const per = (name: NodeServerName) => results.find((r) => r.server === name)?.bytesPerConnection;
  const typhoon = per("typhoon");
  const fastify = per("fastify");
  const verdict =
    typhoon != null && fastify != null
      ? `- ${typhoon <= fastify ? "✅" : "❌"} target: per idle connection no worse than Fastify (Typhoon/Fastify ${(typhoon / fastify).toFixed(2)}×)`
      : "- target: not measurable (a server had no RSS reading)";
  const markdown = [
    `## Memory with ${count.toLocaleString("en-US")} idle keep-alive connections`,
    "",
    "Each connection sent one GET /hello and then stayed idle (keep-alive 120 s on every server;",
    "Typhoon's maxConnections raised from its default 1,024). RSS is VmRSS before the",
    "connections and 2 s after the last one opened; the client runs in its own process on CPU 1",
    `with \`ulimit -n ${NOFILE}\` (raised in the script as far as the hard limit allows).`,
    "",
    table(
      ["server", "opened", "still open at the end", "RSS before", "RSS idle", "per connection"],
      rows,
    ),
    "",
    verdict,
    "",
  ].join("\n");
  return { name: "memory", markdown, data: results };
}
