import { spawn } from "node:child_process";

/**
 * Runs a command to completion (killed after `timeoutMs`) and parses the last stdout line
 * as JSON: how the in-process micro-benches report back.
 */
export function runJson<T>(command: string, args: string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        return reject(
          new Error(`${args[0] ?? command} exited ${code ?? signal}: ${stderr.trim()}`),
        );
      }
      const last = stdout.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${args[0] ?? command} printed no JSON line: ${stdout.slice(-500)}`));
      }
    });
  });
}
