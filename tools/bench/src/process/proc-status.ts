import { readFileSync, writeFileSync } from "node:fs";

/** Parses one `kB` field (VmHWM, VmRSS, ...) of a /proc/<pid>/status text into bytes. */
export function parseStatusField(status: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, "m").exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

function readField(pid: number, field: string): number | null {
  try {
    return parseStatusField(readFileSync(`/proc/${pid}/status`, "utf8"), field);
  } catch {
    return null; // gone, or no /proc (not Linux)
  }
}

/** Peak resident set size since start or since the last `resetPeakRss`. */
export const peakRss = (pid: number) => readField(pid, "VmHWM");
export const currentRss = (pid: number) => readField(pid, "VmRSS");

/** Resets VmHWM to the current RSS (Linux: "5" > clear_refs), so a peak belongs to one run. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** The direct children of a process (the cluster workers of a `workers: N` server). */
export function childPids(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return text === "" ? [] : text.split(/\s+/).map(Number);
  } catch {
    return [];
  }
}
