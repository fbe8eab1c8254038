import { spawn } from "node:child_process";
import { luaScript } from "../paths";
import { pinned, type Tools } from "../process/tools";
import type { LoadGenerator, LoadResult } from "./types";

interface WrkJson {
  requests: number;
  duration_us: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latency_us: { p50: number; p99: number };
}

/** Parses the BENCH_JSON line our Lua `done()` prints into a LoadResult. */
export function parseWrkOutput(stdout: string): LoadResult {
  const line = stdout.split("\n").find((l) => l.startsWith("BENCH_JSON "));
  if (line === undefined) throw new Error(`wrk printed no BENCH_JSON line:\n${stdout}`);
  const data = JSON.parse(line.slice("BENCH_JSON ".length)) as WrkJson;
  const e = data.errors;
  return {
    requests: data.requests,
    requestsPerSec: data.requests / (data.duration_us / 1e6),
    p50: data.latency_us.p50 / 1000,
    p99: data.latency_us.p99 / 1000,
    non2xx: e.status,
    socketErrors: e.connect + e.read + e.write + e.timeout,
  };
}

/** wrk, one thread, pinned to the load core; the request comes in through the Lua script. */
export function wrkGenerator(tools: Tools): LoadGenerator {
  return (options) => {
    const { request } = options;
    const args = ["-t1", `-c${options.connections}`, `-d${options.durationSec}s`, "--latency"];
    args.push(
      "--timeout",
      "5s",
      "-s",
      luaScript(),
      `http://127.0.0.1:${options.port}${request.path}`,
    );
    const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
    const env = {
      ...process.env,
      BENCH_METHOD: request.method,
      BENCH_BODY: request.body ?? "",
      BENCH_HEADERS: headers.join("\n"),
    };
    const { command, args: argv } = pinned(tools, options.cpus ?? "1", "wrk", args);
    return new Promise((resolve, reject) => {
      const child = spawn(command, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // wrk stops itself after -d; this only guards against a wedged run.
      const guard = setTimeout(() => child.kill("SIGKILL"), (options.durationSec + 30) * 1000);
      child.once("error", reject);
      child.once("close", (code) => {
        clearTimeout(guard);
        if (code !== 0) return reject(new Error(`wrk exited ${code}: ${stderr || stdout}`));
        try {
          resolve(parseWrkOutput(stdout));
        } catch (error) {
          reject(error);
        }
      });
    });
  };
}
