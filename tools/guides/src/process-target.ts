import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { ActualResponse, OutgoingRequest, Target } from "./target";

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const LISTENING = /Listening on (http:\/\/[\d.]+:\d+)/;
const STARTUP_TIMEOUT = 20_000;
const STOP_TIMEOUT = 20_000;

/** Every process started here, so a failed test can still stop them. */
const running = new Set<ChildProcess>();

/** SIGKILL to the process and its workers (its process group): no more grace to give. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL"); // the group is gone already
  }
}

/** Kills whatever an interrupted run left behind. */
export function killStragglers(): void {
  for (const child of running) killGroup(child);
}

function send(base: string, request: OutgoingRequest): Promise<ActualResponse> {
  const url = new URL(request.target, base);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: [string, string][] = request.headers.map(([name, value]) => [name, value]);
  // Raw header lists get no Host from node:http; HTTP/1.1 requires one.
  if (!headers.some(([name]) => name.toLowerCase() === "host")) headers.unshift(["host", url.host]);
  if (body !== undefined && !headers.some(([name]) => name.toLowerCase() === "content-length")) {
    headers.push(["content-length", String(body.length)]);
  }
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: url.pathname + url.search,
        headers: headers.flat(),
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const raw = response.rawHeaders;
          const pairs: [string, string][] = [];
          for (let i = 0; i + 1 < raw.length; i += 2) {
            pairs.push([(raw[i] as string).toLowerCase(), raw[i + 1] as string]);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: pairs,
            body: new Uint8Array(Buffer.concat(chunks)),
          });
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/**
 * Starts `node <file>` (TypeScript through tsx, workspace packages from their sources) in
 * `cwd` with PORT=0 and HOST=127.0.0.1, and waits for its "Listening on <url>" line. Closing
 * sends SIGTERM and expects a graceful exit with code 0.
 */
export async function processTarget(name: string, file: string, cwd: string): Promise<Target> {
  const child = spawn(process.execPath, ["--conditions=typhoon-source", "--import", TSX, file], {
    cwd,
    // A clean environment: the guide's output must not depend on the machine's variables.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that a forced stop also reaches its cluster workers.
    detached: true,
  });
  running.add(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? "unknown");
    });
  });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`${name} did not print "Listening on" in time:\n${output}`));
    }, STARTUP_TIMEOUT);
    const check = () => {
      const listening = LISTENING.exec(output);
      if (listening === null) return;
      clearTimeout(timer);
      resolve(listening[1] as string);
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    name,
    request: (request) => send(base, request),
    websocket: () => Promise.reject(new Error("websocket blocks run against in-process apps only")),
    async close() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => killGroup(child), STOP_TIMEOUT);
      const code = await exited;
      clearTimeout(timer);
      if (code !== 0) throw new Error(`${name} exited with ${code} after SIGTERM:\n${output}`);
    },
  };
}
