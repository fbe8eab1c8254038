// Allocation per request from `node --trace-gc`: every GC prints the used heap before and
// after it, so what the program allocated between two GCs is `before(n) − after(n−1)`. The
// server's stdout goes to a file (V8 flushes each line), read run by run.
import { closeSync, openSync, readSync } from "node:fs";

const MiB = 2 ** 20;

/** One GC line: used heap before and after, in bytes. */
export interface GcEvent {
  beforeBytes: number;
  afterBytes: number;
}

// `[pid:0x…]   1234 ms: Scavenge (reduce) 4.1 (4.2) -> 3.8 (5.2) MB, 0.69 / 0.00 ms …`:
// used (committed) -> used (committed). The kind ("Scavenge", "Mark-Compact (reduce)") has no digits.
const GC_LINE = /\d ms: [^\d]*?([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

/** The heap sizes of one `--trace-gc` line, or null for any other line (the server's own output). */
export function parseGcLine(line: string): GcEvent | null {
  const match = GC_LINE.exec(line);
  if (match === null) return null;
  const before = Number(match[1]);
  const after = Number(match[2]);
  if (!Number.isFinite(before) || !Number.isFinite(after)) return null;
  return { beforeBytes: before * MiB, afterBytes: after * MiB };
}

/**
 * Bytes allocated from the GC before `events` (whose heap after was `previousAfterBytes`)
 * to the last of `events`. Without an earlier GC the first event only sets the baseline.
 * Null when there is no interval to measure.
 */
export function allocatedBetween(
  previousAfterBytes: number | null,
  events: readonly GcEvent[],
): number | null {
  let previous = previousAfterBytes;
  let total = 0;
  let intervals = 0;
  for (const event of events) {
    if (previous !== null) {
      // Never negative: rounding to 0.1 MB in V8's line could make a tiny interval look so.
      total += Math.max(0, event.beforeBytes - previous);
      intervals++;
    }
    previous = event.afterBytes;
  }
  return intervals === 0 ? null : total;
}

/** Complete lines of `text` and the unfinished tail (kept for the next read). */
export function splitLines(text: string): { lines: string[]; rest: string } {
  const end = text.lastIndexOf("\n");
  if (end === -1) return { lines: [], rest: text };
  return { lines: text.slice(0, end).split("\n"), rest: text.slice(end + 1) };
}

/** Reads a growing `--trace-gc` log: each `allocatedSinceLastRead()` covers the new lines. */
export class GcLog {
  readonly #file: string;
  #offset = 0;
  #rest = "";
  #lastAfterBytes: number | null = null;

  constructor(file: string) {
    this.#file = file;
  }

  /** GC events written since the last call (bounded: at most 64 MiB read per call). */
  #newEvents(): GcEvent[] {
    const fd = openSync(this.#file, "r");
    const chunks: Buffer[] = [];
    try {
      for (let read = 0; read < 64 * MiB; ) {
        const buffer = Buffer.alloc(MiB);
        const n = readSync(fd, buffer, 0, buffer.length, this.#offset);
        if (n === 0) break;
        chunks.push(buffer.subarray(0, n));
        this.#offset += n;
        read += n;
      }
    } finally {
      closeSync(fd);
    }
    const { lines, rest } = splitLines(this.#rest + Buffer.concat(chunks).toString("latin1"));
    this.#rest = rest;
    return lines.map(parseGcLine).filter((event): event is GcEvent => event !== null);
  }

  /** Marks the start of a measured run: what was allocated before it no longer counts. */
  skip(): void {
    const events = this.#newEvents();
    this.#lastAfterBytes = events.at(-1)?.afterBytes ?? this.#lastAfterBytes;
  }

  /**
   * Bytes allocated from the last GC before the run to the last GC in it (so roughly the
   * run's allocation, give or take one young generation), or null without a GC in the run.
   */
  allocatedSinceLastRead(): number | null {
    const events = this.#newEvents();
    const allocated = allocatedBetween(this.#lastAfterBytes, events);
    this.#lastAfterBytes = events.at(-1)?.afterBytes ?? this.#lastAfterBytes;
    return allocated;
  }
}

/**
 * The same command with its stdout sent to `file`, through `sh -c 'exec …'`: exec keeps the
 * process id, so perf and stop() still reach the server itself.
 */
export function withStdoutTo<T extends { command: string; args: string[] }>(
  file: string,
  spec: T,
): T {
  return {
    ...spec,
    command: "sh",
    args: ["-c", 'log="$1"; shift; exec "$@" > "$log"', "sh", file, spec.command, ...spec.args],
  };
}
