import { spawnSync } from "node:child_process";

export const PYTHON = "/usr/bin/python3";
export const APT_COMMAND =
  "apt-get install -y wrk python3-fastapi python3-uvicorn python3-uvloop python3-httptools";

export interface Tools {
  wrk: boolean;
  taskset: boolean;
  /** Debian's python3 with fastapi, uvicorn, uvloop and httptools importable. */
  fastapi: boolean;
}

const succeeds = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: "ignore", timeout: 15_000 }).status === 0;

export function detectTools(): Tools {
  return {
    wrk: succeeds("sh", ["-c", "command -v wrk"]),
    taskset: succeeds("taskset", ["-c", "0", "true"]),
    fastapi: succeeds(PYTHON, ["-c", "import fastapi, uvicorn, uvloop, httptools"]),
  };
}

/** What is missing and what that means, for the top of every run. */
export function describeTools(tools: Tools, autocannonAsked = false): string[] {
  const lines: string[] = [];
  if (autocannonAsked) {
    lines.push("--autocannon: load from autocannon, which understates fast servers (see README).");
  } else if (!tools.wrk) {
    lines.push(
      "wrk not found: falling back to autocannon, which needs most of a core at these rates and",
      `understates fast servers. For real numbers install Debian's wrk: ${APT_COMMAND}`,
    );
  }
  if (!tools.taskset) {
    lines.push("taskset not found (util-linux): server and load generator run unpinned.");
  }
  if (!tools.fastapi) {
    lines.push(
      `FastAPI column skipped: ${PYTHON} cannot import fastapi, uvicorn, uvloop and httptools`,
      `(install: ${APT_COMMAND}).`,
    );
  }
  return lines;
}

/** Prefixes a command with `taskset -c <cpus>` when taskset is there. */
export function pinned(tools: Tools, cpus: string, command: string, args: string[]) {
  return tools.taskset
    ? { command: "taskset", args: ["-c", cpus, command, ...args] }
    : { command, args };
}
