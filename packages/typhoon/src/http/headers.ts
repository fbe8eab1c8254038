import type { Headers as HeaderPairs } from "@typhoon/server";

/**
 * Read-only, case-insensitive view over the scope's header pairs. Lookups scan the pairs
 * (requests carry a handful of headers), so nothing is copied unless the app asks.
 */
export class RequestHeaders implements Iterable<[string, string]> {
  readonly raw: HeaderPairs;

  constructor(raw: HeaderPairs) {
    this.raw = raw;
  }

  /** The first value of `name`, or undefined. */
  get(name: string): string | undefined {
    const key = name.toLowerCase();
    for (const pair of this.raw) if (pair[0] === key) return pair[1];
    return undefined;
  }

  /** Every value of `name`, one per header line, in arrival order. */
  getAll(name: string): string[] {
    const key = name.toLowerCase();
    const out: string[] = [];
    for (const pair of this.raw) if (pair[0] === key) out.push(pair[1]);
    return out;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.raw[Symbol.iterator]();
  }
}
