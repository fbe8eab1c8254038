/**
 * What the soak counts, in memory fixed at the start: latencies go into a preallocated array
 * (the run is bounded by a request count), so the client itself never grows while it
 * measures the server's growth.
 */

/** The kind of outcome an operation had. */
export type Outcome = "ok" | "intended" | "error";

export interface IntervalStats {
  /** Seconds since the start, at the end of the interval. */
  t: number;
  requests: number;
  errors: number;
  /** Answers that were the 4xx the traffic asked for (bad input, bad tokens). */
  intended: number;
  p99Ms: number;
  /** Resident set size of the server process, in bytes (null where it cannot be read). */
  rss: number | null;
}

export class Recorder {
  readonly #latencies: Float64Array;
  #count = 0;
  #errors = 0;
  #intended = 0;
  #intervalStart = 0;
  #intervalErrors = 0;
  #intervalIntended = 0;
  readonly byKind = new Map<string, { ok: number; intended: number; error: number }>();
  /** The first few unexpected outcomes, for the report (bounded). */
  readonly errorSamples: string[] = [];

  constructor(maxRequests: number) {
    this.#latencies = new Float64Array(maxRequests);
  }

  get count(): number {
    return this.#count;
  }

  get errors(): number {
    return this.#errors;
  }

  get intended(): number {
    return this.#intended;
  }

  get full(): boolean {
    return this.#count >= this.#latencies.length;
  }

  record(kind: string, outcome: Outcome, latencyMs: number, detail?: string): void {
    if (this.full) return;
    this.#latencies[this.#count++] = latencyMs;
    let counts = this.byKind.get(kind);
    if (counts === undefined) {
      counts = { ok: 0, intended: 0, error: 0 };
      this.byKind.set(kind, counts);
    }
    counts[outcome]++;
    if (outcome === "error") {
      this.#errors++;
      this.#intervalErrors++;
      if (this.errorSamples.length < 20) this.errorSamples.push(`${kind}: ${detail ?? "error"}`);
    } else if (outcome === "intended") {
      this.#intended++;
      this.#intervalIntended++;
    }
  }

  /** Closes the current interval and starts the next one. */
  interval(t: number, rss: number | null): IntervalStats {
    const slice = this.#latencies.subarray(this.#intervalStart, this.#count);
    const stats: IntervalStats = {
      t,
      requests: slice.length,
      errors: this.#intervalErrors,
      intended: this.#intervalIntended,
      p99Ms: percentile(slice, 0.99),
      rss,
    };
    this.#intervalStart = this.#count;
    this.#intervalErrors = 0;
    this.#intervalIntended = 0;
    return stats;
  }

  /** A percentile (0..1) of every latency recorded. */
  percentile(p: number): number {
    return percentile(this.#latencies.subarray(0, this.#count), p);
  }
}

/** Nearest-rank percentile of `values` (copied, then sorted); 0 when empty. */
export function percentile(values: Float64Array, p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
