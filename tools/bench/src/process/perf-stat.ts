// Instructions and CPU time a process spends while it is loaded: `perf stat -x, -e
// instructions:u,instructions:k,task-clock -p PID`, attached before the load run and stopped
// with SIGINT after. User and kernel apart: the kernel's share (TCP, syscalls) is the part
// no JavaScript change can remove.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";

export interface PerfCounts {
  /** Instructions retired in user space, or null when perf cannot count them here. */
  userInstructions: number | null;
  /** In the kernel on the process's behalf; null where perf may not count the kernel. */
  kernelInstructions: number | null;
  /** CPU time of the process in milliseconds, or null. */
  taskClockMs: number | null;
}

const EVENTS = ["-x,", "-e", "instructions:u,instructions:k,task-clock"];
// perf prints decimals in the locale's format; the parser expects C's.
const env = { ...process.env, LC_ALL: "C" };

/** Parses perf stat's CSV lines (`value,unit,event,...`); "<not counted>" becomes null. */
export function parsePerfStat(output: string): PerfCounts {
  const counts: PerfCounts = {
    userInstructions: null,
    kernelInstructions: null,
    taskClockMs: null,
  };
  for (const line of output.split("\n")) {
    const [rawValue = "", , event = ""] = line.split(",");
    const value = Number(rawValue);
    if (rawValue === "" || !Number.isFinite(value)) continue;
    if (event === "instructions:u") counts.userInstructions = value;
    else if (event === "instructions:k") counts.kernelInstructions = value;
    else if (event === "task-clock") counts.taskClockMs = value;
  }
  return counts;
}

/** True when perf is installed and may count instructions for our processes. */
export function perfCountsInstructions(): boolean {
  const result = spawnSync("perf", ["stat", ...EVENTS, "true"], {
    encoding: "utf8",
    env,
    timeout: 15_000,
  });
  return result.status === 0 && parsePerfStat(result.stderr ?? "").userInstructions !== null;
}

const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A running `perf stat -p PID`; stop() ends it and returns what it counted. */
export interface PerfSession {
  stop(): Promise<PerfCounts>;
}

/** Attaches perf stat to `pid`, and waits a moment so it counts from before the load. */
export async function attachPerfStat(pid: number): Promise<PerfSession> {
  const child = spawn("perf", ["stat", ...EVENTS, "-p", String(pid)], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  live.add(child);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < 16_000) stderr += chunk.toString();
  });
  const closed = new Promise<void>((resolve) => {
    child.once("close", () => {
      live.delete(child);
      resolve();
    });
    child.once("error", () => resolve());
  });
  // perf has no "attached" signal; a fraction of a second covers it on a loaded machine.
  await sleep(250);
  return {
    async stop() {
      child.kill("SIGINT");
      const guard = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await closed;
      clearTimeout(guard);
      return parsePerfStat(stderr);
    },
  };
}
