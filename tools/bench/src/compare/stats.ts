/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Ratios of two series measured in the same rounds (a[i] / b[i]): the machine's drift hits
 * both sides of one round alike, so the per-round ratio is steadier than a ratio of medians.
 */
export function roundRatios(a: readonly number[], b: readonly number[]): Spread {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(`round ratios need two series of one length (${a.length} vs ${b.length})`);
  }
  return spread(a.map((value, i) => value / b[i]!));
}
