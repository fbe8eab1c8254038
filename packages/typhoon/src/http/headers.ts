import { type Headers as HeaderPairs, headerValue, headerValues } from "@typhoon/server";

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
    return headerValue(this.raw, name.toLowerCase());
  }

  /** Every value of `name`, one per header line, in arrival order. */
  getAll(name: string): string[] {
    return headerValues(this.raw, name.toLowerCase());
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.raw[Symbol.iterator]();
  }
}
