import { readFileSync } from "node:fs";

/** Resident set size of process `pid` in bytes, from /proc (Linux); null elsewhere or if gone. */
export function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null;
  }
}

export interface LevelOffOptions {
  /** Fraction of the samples at the start ignored as warm-up (JIT, pools, first GCs). Default 0.3. */
  warmup?: number;
  /** Growth allowed from the first half of the rest to the second, as a fraction. Default 0.1. */
  tolerance?: number;
  /** Growth allowed in bytes on top of the fraction (GC timing noise). Default 16 MiB. */
  slackBytes?: number;
}

export interface LevelOffVerdict {
  levelsOff: boolean;
  /** Peak RSS of the first and the second half of the measured samples. */
  firstPeak: number;
  secondPeak: number;
  reason: string;
}

/**
 * Does memory level off? After the warm-up, the samples are split in two halves; a leak keeps
 * raising the peak, while a steady server's second-half peak stays within the first's plus
 * `tolerance` (and `slackBytes` of GC noise). Needs at least 4 samples after the warm-up.
 */
export function levelsOff(
  samples: readonly number[],
  options: LevelOffOptions = {},
): LevelOffVerdict {
  const warmup = options.warmup ?? 0.3;
  const tolerance = options.tolerance ?? 0.1;
  const slack = options.slackBytes ?? 16 * 1024 * 1024;
  const measured = samples.slice(Math.floor(samples.length * warmup));
  if (measured.length < 4) {
    return { levelsOff: false, firstPeak: 0, secondPeak: 0, reason: "too few samples" };
  }
  const half = Math.floor(measured.length / 2);
  const firstPeak = Math.max(...measured.slice(0, half));
  const secondPeak = Math.max(...measured.slice(half));
  const allowed = firstPeak * (1 + tolerance) + slack;
  const ok = secondPeak <= allowed;
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return {
    levelsOff: ok,
    firstPeak,
    secondPeak,
    reason: ok
      ? `peak ${mib(secondPeak)} within ${mib(allowed)}`
      : `peak grew from ${mib(firstPeak)} to ${mib(secondPeak)} (allowed ${mib(allowed)})`,
  };
}
