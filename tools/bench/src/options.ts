import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CompareConfig } from "./compare/types";
import type { InstructionsConfig } from "./instructions/instructions-stats";
import type { RouteId } from "./routes";
import { ROUTES } from "./routes";
import {
  isNodeServer,
  NODE_SERVERS,
  type NodeServerName,
  type ServerName,
} from "./servers/registry";

export const COMMANDS = ["compare", "instructions", "all"] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliOptions<C extends string = Command> {
  command: C;
  quick: boolean;
  compare: CompareConfig;
  /** Node servers the profile command profiles (`--servers`, default Typhoon only). */
  profileServers: NodeServerName[];
  /** The instructions command's own defaults: 3 runs × 3 s after 1 s, raw, Fastify, Typhoon. */
  instructions: InstructionsConfig;
  /** Load with autocannon even when wrk is there. */
  autocannon: boolean;
  /** Leave FastAPI out even when it is installed. */
  noFastapi: boolean;
  help: boolean;
}

export const USAGE = `Usage: pnpm bench [command] [options]

Commands:
  compare   (default) every route on every server, interleaved rounds, Markdown + JSON
  instructions  instructions, CPU µs and allocation per request (perf stat), raw vs Fastify
            vs Typhoon (or --servers) per route (or --routes); 3 runs × 3 s after 1 s warm-up
  all       both, one after the other

The one-off studies (startup, router, memory, workers, profile, transport) are in research/:
see research/README.md.

Options:
  --quick              smoke run (~1 minute for compare)
  --rounds N           measured rounds after the warm-up (default 5, instructions 3, quick 1)
  --duration S         seconds per server per round (default 2, instructions 3, quick 1)
  --warmup S           seconds of warm-up per server per route, 0 for none (default 2,
                       instructions 1, quick 1)
  --prime S            compare: seconds of unmeasured load right before each measured run,
                       0 for none (default 1, quick 0): a server idle while the others ran
                       is measured warm, not while V8 re-warms it
  --connections N      wrk connections (default 64)
  --servers a,b        subset of raw,fastify,hono,express,typhoon,fastapi (compare, profile,
                       instructions: Node servers only)
  --baseline DIR       compare: also run the Typhoon that another checkout's built bench
                       folder (DIR/dist/entries/server.js) runs, with a Typhoon/baseline ratio
  --routes a,b         subset of hello,item,create,me,missing (compare, profile, instructions)
  --no-fastapi         leave the FastAPI column out
  --autocannon         load with autocannon even when wrk is installed
  -h, --help           this text`;

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > 3600) {
    throw new Error(`--${name} must be an integer from ${min} to 3600 (got "${value}")`);
  }
  return n;
}

function subset<T extends string>(name: string, value: string | undefined, all: readonly T[]): T[] {
  if (value === undefined) return [...all];
  const picked = value.split(",").map((item) => item.trim());
  const unknown = picked.filter((item) => !all.includes(item as T));
  if (unknown.length > 0) {
    throw new Error(`--${name}: unknown ${unknown.join(", ")} (choose from ${all.join(", ")})`);
  }
  return picked as T[];
}

/** Parses the bench's options; `commands` are the words it accepts (the first is the default). */
export function parseCli<C extends string = Command>(
  argv: string[],
  commands: readonly C[] = COMMANDS as unknown as readonly C[],
): CliOptions<C> {
  const { values, positionals } = parseArgs({
    // `pnpm bench -- --quick` passes a literal "--" through on some pnpm versions.
    args: argv.filter((word) => word !== "--"),
    allowPositionals: true,
    options: {
      quick: { type: "boolean", default: false },
      rounds: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      prime: { type: "string" },
      connections: { type: "string" },
      servers: { type: "string" },
      baseline: { type: "string" },
      routes: { type: "string" },
      "no-fastapi": { type: "boolean", default: false },
      autocannon: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const words = positionals;
  const command = (words[0] ?? commands[0]) as C;
  if (!commands.includes(command)) {
    throw new Error(`unknown command "${command}" (choose from ${commands.join(", ")})`);
  }
  if (words.length > 1) throw new Error(`one command at a time (got ${words.join(" ")})`);
  const quick = values.quick;
  const baselineDir = values.baseline === undefined ? undefined : resolve(values.baseline);
  const allServers: ServerName[] = [...NODE_SERVERS, "fastapi"];
  const servers = subset("servers", values.servers, allServers);
  if (baselineDir !== undefined) {
    if (!existsSync(join(baselineDir, "dist", "entries", "server.js"))) {
      throw new Error(
        `--baseline: no dist/entries/server.js in ${baselineDir} (build that checkout first)`,
      );
    }
    servers.push("baseline");
  }
  const routes = subset<RouteId>(
    "routes",
    values.routes,
    ROUTES.map((route) => route.id),
  );
  const connections = positiveInt("connections", values.connections, 64);
  const nodeServers = servers.filter(isNodeServer);
  if ((command as string) === "instructions" && nodeServers.length === 0) {
    throw new Error("instructions: --servers needs at least one Node server (not fastapi)");
  }
  return {
    command,
    quick,
    help: values.help,
    noFastapi: values["no-fastapi"],
    autocannon: values.autocannon,
    profileServers: values.servers === undefined ? ["typhoon"] : nodeServers,
    instructions: {
      rounds: positiveInt("rounds", values.rounds, quick ? 1 : 3),
      durationSec: positiveInt("duration", values.duration, quick ? 1 : 3),
      warmupSec: positiveInt("warmup", values.warmup, 1, 0),
      connections,
      servers: values.servers === undefined ? ["raw", "fastify", "typhoon"] : nodeServers,
      routes,
    },
    compare: {
      rounds: positiveInt("rounds", values.rounds, quick ? 1 : 5),
      durationSec: positiveInt("duration", values.duration, quick ? 1 : 2),
      warmupSec: positiveInt("warmup", values.warmup, quick ? 1 : 2, 0),
      primeSec: positiveInt("prime", values.prime, quick ? 0 : 1, 0),
      connections,
      servers,
      routes,
      ...(baselineDir === undefined ? {} : { baselineDir }),
    },
  };
}
