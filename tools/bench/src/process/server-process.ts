import { type ChildProcess, spawn } from "node:child_process";
import { waitUntilServing } from "./http-probe";
import { childPids, currentRss, peakRss, resetPeakRss } from "./proc-status";

export interface SpawnOptions {
  /** For messages: "typhoon", "fastify", ... */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  port: number;
  /** Path polled until it answers 200 (default /hello). */
  readyPath?: string;
  /** Default 30 s. */
  readyTimeoutMs?: number;
}

const live = new Set<ChildProcess>();
// Never leave a server behind, whatever way the harness exits.
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** A server in its own process, started, polled until it serves, and stopped on demand. */
export class ServerProcess {
  readonly #child: ChildProcess;
  readonly name: string;
  readonly port: number;
  /** Milliseconds from spawn to the first 200 on the ready path. */
  readonly readyAfterMs: number;

  private constructor(child: ChildProcess, name: string, port: number, readyAfterMs: number) {
    this.#child = child;
    this.name = name;
    this.port = port;
    this.readyAfterMs = readyAfterMs;
  }

  static async start(options: SpawnOptions): Promise<ServerProcess> {
    const startedAt = performance.now();
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    live.add(child);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 8_000) stderr += chunk.toString();
    });
    let exited = false;
    child.once("exit", () => {
      exited = true;
      live.delete(child);
    });
    child.once("error", (error) => {
      exited = true;
      stderr += String(error);
    });
    const path = options.readyPath ?? "/hello";
    const ready = await waitUntilServing(
      options.port,
      path,
      options.readyTimeoutMs ?? 30_000,
      () => exited,
    );
    const readyAfterMs = performance.now() - startedAt;
    const server = new ServerProcess(child, options.name, options.port, readyAfterMs);
    if (!ready) {
      await server.stop();
      throw new Error(
        `${options.name} did not answer 200 on ${path} (${exited ? "it exited" : "timed out"}):\n${stderr.trim()}`,
      );
    }
    return server;
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** The process and its direct children (cluster workers). */
  #pids(): number[] {
    return [this.pid, ...childPids(this.pid)];
  }

  /** Sum of peak RSS (VmHWM) over the process and its children, in bytes. */
  peakRss(): number | null {
    return sumOrNull(this.#pids().map(peakRss));
  }

  currentRss(): number | null {
    return sumOrNull(this.#pids().map(currentRss));
  }

  resetPeakRss(): void {
    for (const pid of this.#pids()) resetPeakRss(pid);
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

function sumOrNull(values: (number | null)[]): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return total;
}
