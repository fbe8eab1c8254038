import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.join(here, "fixtures");
export const PACKAGE_ROOT = path.resolve(here, "../..");
const MAIN = path.join(PACKAGE_ROOT, "src/cli/main.ts");
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface CliProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  stdout(): string;
  /** Resolves with the first match of `pattern` in the output; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

const running = new Set<ChildProcess>();

/** Runs the CLI from source (tsx, packages resolved to their sources). */
export function spawnCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliProcess {
  const child = spawn(
    process.execPath,
    ["--conditions=typhoon-source", "--import", TSX, MAIN, ...args],
    {
      cwd: options.cwd ?? here,
      env: { ...process.env, HOST: "", PORT: "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  running.add(child);
  let output = "";
  let stdout = "";
  const listeners = new Set<() => void>();
  const onData = (isStdout: boolean) => (chunk: Buffer) => {
    output += chunk.toString();
    if (isStdout) stdout += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData(true));
  child.stderr?.on("data", onData(false));
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? signal ?? "unknown");
      for (const listener of listeners) listener();
    });
  });
  const waitFor = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match !== null) done(() => resolve(match));
        else if (child.exitCode !== null || child.signalCode !== null) {
          done(() => reject(new Error(`exited before ${pattern} appeared; output:\n${output}`)));
        }
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new Error(`${pattern} did not appear within ${timeoutMs} ms; output:\n${output}`),
            ),
          ),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => output, stdout: () => stdout, waitFor, exited };
}

/** Kills whatever a test left running (its own children included: they watch the IPC channel). */
export async function killAll(): Promise<void> {
  const exits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  );
  await Promise.all(exits);
}

/** A port that was free a moment ago (for tests that must know the port before the server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === "object" && address !== null ? address.port : 0),
      );
    });
  });
}
