import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pinned, type Tools } from "../process/tools";
import type { LoadGenerator, LoadResult } from "./types";

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function parseAutocannonOutput(stdout: string): LoadResult {
  const data = JSON.parse(stdout) as AutocannonJson;
  return {
    requests: data.requests.total,
    requestsPerSec: data.requests.average,
    p50: data.latency.p50,
    p99: data.latency.p99,
    non2xx: data.non2xx,
    socketErrors: data.errors + data.timeouts,
  };
}

function autocannonBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("autocannon/package.json");
  return path.join(path.dirname(manifest), "autocannon.js");
}

/** The fallback when wrk is missing: autocannon's CLI in its own pinned process. */
export function autocannonGenerator(tools: Tools): LoadGenerator {
  const bin = autocannonBin();
  return (options) => {
    const { request } = options;
    const args = [
      bin,
      "--json",
      "-c",
      String(options.connections),
      "-d",
      String(options.durationSec),
    ];
    args.push("-m", request.method);
    for (const [name, value] of Object.entries(request.headers))
      args.push("-H", `${name}=${value}`);
    if (request.body !== undefined) args.push("-b", request.body);
    args.push(`http://127.0.0.1:${options.port}${request.path}`);
    const { command, args: argv } = pinned(tools, options.cpus ?? "1", process.execPath, args);
    return new Promise((resolve, reject) => {
      const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const guard = setTimeout(() => child.kill("SIGKILL"), (options.durationSec + 30) * 1000);
      child.once("error", reject);
      child.once("close", (code) => {
        clearTimeout(guard);
        if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${stderr}`));
        try {
          resolve(parseAutocannonOutput(stdout));
        } catch (error) {
          reject(error);
        }
      });
    });
  };
}
