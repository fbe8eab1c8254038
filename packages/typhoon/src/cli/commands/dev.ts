import { statSync } from "node:fs";
import path from "node:path";
import type { CliContext } from "../context";
import { Reloader } from "../dev/reloader";
import { watchTree } from "../dev/watcher";
import { CliError } from "../errors";
import { parseTarget, resolveModuleFile } from "../load-app";
import type { ServerFlags } from "../options";
import { findTsx } from "../typescript-loader";
import { DEV_CHILD_ENV } from "./run";

export interface DevCommand {
  target: string;
  server: ServerFlags;
  /** Directories to watch; empty: the default root. */
  watch: readonly string[];
}

/** A running `typhoon dev`: the app's child process and the watcher restarting it. */
export interface DevSession {
  /** Stops watching and stops the app gracefully; resolves with the app's exit code. */
  stop(): Promise<number | null>;
}

/**
 * `typhoon dev`: serve the app from a child `typhoon run` (under tsx when installed), and restart it when a
 * source file changes. SIGINT/SIGTERM stop the child gracefully, then this process.
 */
export async function devCommand(command: DevCommand, ctx: CliContext): Promise<"running"> {
  const session = startDev(command, ctx);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void session.stop().then((code) => process.exit(code ?? 0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return "running";
}

export function startDev(command: DevCommand, ctx: CliContext): DevSession {
  const file = resolveModuleFile(parseTarget(command.target).file, ctx.cwd);
  const roots =
    command.watch.length > 0
      ? command.watch.map((dir) => existingDirectory(path.resolve(ctx.cwd, dir)))
      : [defaultRoot(file, ctx.cwd)];
  const { host, port, logLevel, rootPath } = command.server;
  const args = [
    ...childExecArgv(process.execArgv, findTsx(ctx.cwd) ?? null),
    ctx.entry,
    "run",
    command.target,
    ...["--host", host, "--port", String(port), "--log-level", logLevel],
    ...(rootPath === undefined ? [] : ["--root-path", rootPath]),
  ];
  const log = (line: string) => ctx.stderr(`typhoon dev: ${line}\n`);
  const reloader = new Reloader({
    command: process.execPath,
    args,
    cwd: ctx.cwd,
    env: { ...ctx.env, [DEV_CHILD_ENV]: "1" },
    log,
  });
  const watcher = watchTree({
    roots,
    onChange: (files) => reloader.restart(describeChange(files, ctx.cwd)),
    onWarning: log,
  });
  log(`watching ${roots.join(", ")}`);
  reloader.start();
  return {
    stop() {
      watcher.close();
      return reloader.stop();
    },
  };
}

/** The working directory when the file is inside it, else the file's own directory. */
export function defaultRoot(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  return inside ? cwd : path.dirname(file);
}

function existingDirectory(dir: string): string {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) throw new CliError(`Cannot watch "${dir}": not a directory`);
  return dir;
}

/**
 * Node flags for the child: this process's own (conditions, source maps...) minus debugger and
 * watch flags that would clash, plus tsx (when installed) unless it is already among them.
 */
export function childExecArgv(
  execArgv: readonly string[] = process.execArgv,
  tsx: string | null = findTsx(process.cwd()) ?? null,
): string[] {
  const kept = execArgv.filter((flag) => !/^--(inspect|debug|watch)/.test(flag));
  if (kept.some((flag) => /\btsx\b/.test(flag))) return kept;
  // Without tsx the child's `run` uses Node's own type stripping, or says how to install tsx.
  return tsx === null ? kept : [...kept, "--import", tsx];
}

function describeChange(files: readonly string[], cwd: string): string {
  const first = path.relative(cwd, files[0] ?? cwd) || ".";
  return files.length > 1 ? `${first} and ${files.length - 1} more changed` : `${first} changed`;
}
