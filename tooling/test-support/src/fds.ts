import { readdirSync } from "node:fs";

/** Open file descriptors of this process (sockets included); Linux only. */
export function openFds(): number {
  return readdirSync("/proc/self/fd").length;
}

export const canCountFds = process.platform === "linux";
