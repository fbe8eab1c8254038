import { queryPairs, queryValue } from "@typhoon/server";

/**
 * Parsed query string: every key keeps all its values in order. Parsing is lazy: `get()`
 * before anything else scans the string for that one key (a route reads a few known keys),
 * so a request allocates only the values it asks for; the rest builds the full map once.
 */
export class QueryParams implements Iterable<[string, string]> {
  readonly #raw: string;
  #map: Map<string, string[]> | undefined;
  #pairs: [string, string][] | undefined;

  constructor(queryString: string) {
    this.#raw = queryString;
  }

  /** The last value of `key` (Starlette's rule for scalar parameters). */
  get(key: string): string | undefined {
    if (this.#map === undefined) return queryValue(this.#raw, key);
    const list = this.#map.get(key);
    return list === undefined ? undefined : list[list.length - 1];
  }

  getAll(key: string): string[] {
    return this.#parsed().get(key) ?? [];
  }

  has(key: string): boolean {
    return this.#parsed().has(key);
  }

  keys(): IterableIterator<string> {
    return this.#parsed().keys();
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    this.#parsed();
    return this.#pairs![Symbol.iterator]();
  }

  #parsed(): Map<string, string[]> {
    if (this.#map !== undefined) return this.#map;
    const map = new Map<string, string[]>();
    const pairs = queryPairs(this.#raw);
    for (const [key, value] of pairs) {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    }
    this.#map = map;
    this.#pairs = pairs;
    return map;
  }
}
