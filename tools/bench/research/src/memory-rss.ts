// The pure parts of the idle-memory measurement: waiting for RSS to settle, and the cost
// per connection from two readings.

export interface SettleOptions {
  /** Reads the current RSS in bytes (null when the process is gone or there is no /proc). */
  read: () => number | null;
  sleep: (ms: number) => Promise<unknown>;
  /** Between samples (default 250 ms). */
  intervalMs?: number;
  /** Two consecutive samples closer than this fraction count as settled (default 0.005). */
  tolerance?: number;
  /** Give up after this long and keep the last sample (default 5,000 ms). */
  maxMs?: number;
}

export interface SettledRss {
  rss: number | null;
  /** False when the bound was hit (or a reading failed) before two samples agreed. */
  settled: boolean;
  waitedMs: number;
}

/**
 * Samples RSS every `intervalMs` until two consecutive readings differ by less than
 * `tolerance` of the earlier one, or `maxMs` has passed. Bounded by a sample count, not the
 * clock, so a slow machine cannot stretch it.
 */
export async function waitForSteadyRss(options: SettleOptions): Promise<SettledRss> {
  const intervalMs = options.intervalMs ?? 250;
  const tolerance = options.tolerance ?? 0.005;
  const samples = Math.max(2, Math.ceil((options.maxMs ?? 5_000) / intervalMs));
  let previous: number | null = null;
  let waitedMs = 0;
  for (let i = 0; i < samples; i++) {
    await options.sleep(intervalMs);
    waitedMs += intervalMs;
    const current = options.read();
    if (current === null) return { rss: null, settled: false, waitedMs };
    if (previous !== null && Math.abs(current - previous) < tolerance * previous) {
      return { rss: current, settled: true, waitedMs };
    }
    previous = current;
  }
  return { rss: previous, settled: false, waitedMs };
}

/** RSS read once it settled, with the connections open at that moment. */
export interface RssStep {
  rss: number | null;
  connections: number;
}

/**
 * Bytes per connection between two steps: the marginal cost (the slope), which leaves out
 * whatever the server grew or warmed before the first step. Null when a reading is missing
 * or the second step added no connection.
 */
export function bytesPerConnectionBetween(from: RssStep, to: RssStep): number | null {
  if (from.rss === null || to.rss === null) return null;
  const added = to.connections - from.connections;
  return added > 0 ? (to.rss - from.rss) / added : null;
}
