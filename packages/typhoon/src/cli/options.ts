import { type ParseArgsConfig, parseArgs } from "node:util";
import type { LogLevel } from "@typhoon/server";
import { UsageError } from "./errors";

/** How the app is served: flags first, then $HOST/$PORT, then the defaults. */
export interface ServerFlags {
  host: string;
  port: number;
  logLevel: LogLevel;
  rootPath: string | undefined;
}

export type Command =
  | { command: "help"; topic: string | undefined }
  | { command: "version" }
  | { command: "run"; target: string; server: ServerFlags; workers: number; reload: boolean }
  | { command: "dev"; target: string; server: ServerFlags; watch: string[] }
  | { command: "routes"; target: string; json: boolean }
  | { command: "openapi"; target: string };

type Options = NonNullable<ParseArgsConfig["options"]>;

const HELP: Options = { help: { type: "boolean", short: "h" } };
const SERVER: Options = {
  host: { type: "string" },
  port: { type: "string" },
  "log-level": { type: "string" },
  "root-path": { type: "string" },
};
const OPTIONS: Readonly<Record<string, Options>> = {
  run: { ...HELP, ...SERVER, workers: { type: "string" }, reload: { type: "boolean" } },
  dev: { ...HELP, ...SERVER, watch: { type: "string", multiple: true } },
  routes: { ...HELP, json: { type: "boolean" } },
  openapi: { ...HELP },
};

const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];
/** A ceiling that catches typos (`--workers 80` for 8) before forking that many processes. */
export const MAX_WORKERS = 256;

/** Parses `typhoon <command> ...` (argv without node and the script). */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("Missing command");
  if (first === "-h" || first === "--help") return { command: "help", topic: undefined };
  if (first === "-v" || first === "--version") return { command: "version" };
  if (first === "help") return { command: "help", topic: rest[0] };
  const options = OPTIONS[first];
  if (options === undefined) {
    throw new UsageError(
      first.startsWith("-") ? `Unknown option ${first}` : `Unknown command "${first}"`,
    );
  }
  try {
    return parseCommand(first, rest, options, env);
  } catch (error) {
    // Errors of a command's options show that command's usage.
    if (error instanceof UsageError && error.command === undefined) {
      throw new UsageError(error.message, first);
    }
    throw error;
  }
}

function parseCommand(
  command: string,
  args: string[],
  options: Options,
  env: Readonly<Record<string, string | undefined>>,
): Command {
  const { values, positionals } = parseFor(command, args, options);
  if (values.help === true) return { command: "help", topic: command };
  const target = onePositional(command, positionals);
  switch (command) {
    case "routes":
      return { command: "routes", target, json: values.json === true };
    case "openapi":
      return { command: "openapi", target };
    case "dev":
      return {
        command: "dev",
        target,
        server: serverFlags(values, env),
        watch: strings(values.watch),
      };
    default: {
      const workersFlag = optionalString(values.workers);
      const workers =
        workersFlag === undefined ? 1 : integer("--workers", workersFlag, 1, MAX_WORKERS);
      const reload = values.reload === true;
      if (reload && workers > 1) throw new UsageError("--reload cannot be combined with --workers");
      return { command: "run", target, server: serverFlags(values, env), workers, reload };
    }
  }
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parseFor(command: string, args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (!code.startsWith("ERR_PARSE_ARGS")) throw error;
    const message = (error as Error).message;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new UsageError(
        `Unknown option ${/'([^']+)'/.exec(message)?.[1] ?? ""}`.trim(),
        command,
      );
    }
    throw new UsageError(message, command);
  }
}

function onePositional(command: string, positionals: string[]): string {
  const [target, extra] = positionals;
  const what = command === "dev" ? "<file>" : "<module>";
  if (target === undefined || target === "") throw new UsageError(`Missing ${what}`, command);
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}"`, command);
  return target;
}

function serverFlags(
  values: Values,
  env: Readonly<Record<string, string | undefined>>,
): ServerFlags {
  const host = optionalString(values.host) ?? nonEmpty(env.HOST) ?? "127.0.0.1";
  if (host === "") throw new UsageError("--host must not be empty");
  const portFlag = optionalString(values.port);
  const port =
    portFlag !== undefined
      ? integer("--port", portFlag, 0, 65535)
      : nonEmpty(env.PORT) !== undefined
        ? integer("the PORT environment variable", env.PORT as string, 0, 65535)
        : 8000;
  const level = optionalString(values["log-level"]) ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")} (got "${level}")`);
  }
  const rootPath = optionalString(values["root-path"]);
  if (
    rootPath !== undefined &&
    rootPath !== "" &&
    (!rootPath.startsWith("/") || rootPath.endsWith("/"))
  ) {
    throw new UsageError(
      `--root-path must start with "/" and not end with "/" (got "${rootPath}")`,
    );
  }
  return { host, port, logLevel: level as LogLevel, rootPath: rootPath || undefined };
}

function integer(what: string, text: string, min: number, max: number): number {
  const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${what} must be an integer from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

function optionalString(value: Values[string]): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function strings(value: Values[string]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
