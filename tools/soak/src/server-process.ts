/**
 * A soak target as a process of its own (so its RSS is measured alone): started with tsx and
 * the workspace packages resolved to their sources, ready once it prints "Listening on".
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

export interface SoakServer {
  url: string;
  pid: number;
  /** SIGTERM, then the exit code (SIGKILL and null after 15 s). */
  stop(): Promise<number | null>;
}

export function startServerProcess(options: {
  entry: string;
  cwd: string;
  env?: Record<string, string>;
}): Promise<SoakServer> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=typhoon-source", "--import", tsx, options.entry],
    {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    },
  );
  let output = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the soak server did not start:\n${output}`));
    }, 60_000);
    const append = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-50_000);
    };
    const onData = (chunk: Buffer) => {
      append(chunk);
      const url = /Listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url === undefined || child.pid === undefined) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stdout?.resume(); // keep draining what it prints
      resolve({
        url,
        pid: child.pid,
        stop: async () => {
          child.kill("SIGTERM");
          const code = await Promise.race([
            exited,
            new Promise<null>((done) => setTimeout(() => done(null), 15_000).unref()),
          ]);
          if (code === null) child.kill("SIGKILL");
          return code;
        },
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", append);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the soak server exited with ${code} before listening:\n${output}`));
    });
  });
}
