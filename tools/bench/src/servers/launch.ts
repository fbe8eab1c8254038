import { join } from "node:path";
import { distEntry, pythonAppDir } from "../paths";
import type { SpawnOptions } from "../process/server-process";
import { PYTHON, pinned, type Tools } from "../process/tools";
import type { ServerName } from "./registry";

export interface LaunchOptions {
  port: number;
  /** CPU list for taskset (default "0": the load generator gets core 1). */
  cpus?: string;
  keepAliveTimeout?: number;
  maxConnections?: number;
  /** The bench folder of another built checkout: its Typhoon runs as `baseline`. */
  baselineDir?: string;
}

/** How to start one benchmark server in its own pinned process. */
export function launchSpec(name: ServerName, tools: Tools, options: LaunchOptions): SpawnOptions {
  const cpus = options.cpus ?? "0";
  const port = String(options.port);
  if (name === "fastapi") {
    const args = ["-m", "uvicorn", "fastapi_app:app", "--app-dir", pythonAppDir()];
    args.push("--host", "127.0.0.1", "--port", port, "--loop", "uvloop", "--http", "httptools");
    args.push("--no-access-log", "--log-level", "warning");
    if (options.keepAliveTimeout !== undefined) {
      args.push("--timeout-keep-alive", String(Math.ceil(options.keepAliveTimeout / 1000)));
    }
    return { name, port: options.port, ...pinned(tools, cpus, PYTHON, args) };
  }
  // The other checkout's bench bundles its own Typhoon: run its server entry as "typhoon".
  const args =
    name === "baseline"
      ? [join(baselineBench(options), "dist", "entries", "server.js"), "typhoon", port]
      : [distEntry("server"), name, port];
  if (options.keepAliveTimeout !== undefined || options.maxConnections !== undefined) {
    args.push(String(options.keepAliveTimeout ?? ""), String(options.maxConnections ?? ""));
  }
  return { name, port: options.port, ...pinned(tools, cpus, process.execPath, args) };
}

function baselineBench(options: LaunchOptions): string {
  if (options.baselineDir === undefined)
    throw new Error("the baseline server needs --baseline DIR");
  return options.baselineDir;
}
