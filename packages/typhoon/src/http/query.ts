import { percentDecode } from "@typhoon/server";

/** Decodes one query component: `+` is a space, bad escapes are kept as sent. */
export function decodeComponent(raw: string): string {
  return percentDecode(raw.includes("+") ? raw.replace(/\+/g, " ") : raw);
}

const AMPERSAND = 38;
const EQUALS = 61;
const PERCENT = 37;
const PLUS = 43;

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
    if (this.#map === undefined) return lastValue(this.#raw, key);
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
    const pairs: [string, string][] = [];
    forEachPair(this.#raw, (raw, start, eq, end) => {
      const key = decodeComponent(raw.slice(start, eq));
      const value = eq === end ? "" : decodeComponent(raw.slice(eq + 1, end));
      pairs.push([key, value]);
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    });
    this.#map = map;
    this.#pairs = pairs;
    return map;
  }
}

/**
 * Calls `each` for every non-empty `&`-separated part of `raw` with the part's bounds and
 * where its key ends (`eq`, the `=` or the part's end). One pass over the string.
 */
function forEachPair(
  raw: string,
  each: (raw: string, start: number, eq: number, end: number) => void,
): void {
  const length = raw.length;
  let start = 0;
  let eq = -1;
  for (let i = 0; i <= length; i++) {
    const c = i === length ? AMPERSAND : raw.charCodeAt(i);
    if (c === EQUALS && eq === -1) eq = i;
    else if (c === AMPERSAND) {
      if (i > start) each(raw, start, eq === -1 ? i : eq, i);
      start = i + 1;
      eq = -1;
    }
  }
}

/** The last value of `key` in `raw`, decoded, without parsing the other pairs. */
function lastValue(raw: string, key: string): string | undefined {
  let found: string | undefined;
  const length = raw.length;
  let start = 0;
  let eq = -1;
  let encoded = false;
  for (let i = 0; i <= length; i++) {
    const c = i === length ? AMPERSAND : raw.charCodeAt(i);
    if (eq === -1 && (c === PERCENT || c === PLUS)) encoded = true;
    if (c === EQUALS && eq === -1) eq = i;
    else if (c === AMPERSAND) {
      if (i > start) {
        const keyEnd = eq === -1 ? i : eq;
        // A key with escapes is compared decoded; a plain one, in place.
        const matches = encoded
          ? decodeComponent(raw.slice(start, keyEnd)) === key
          : keyEnd - start === key.length && raw.startsWith(key, start);
        if (matches) found = keyEnd === i ? "" : decodeComponent(raw.slice(keyEnd + 1, i));
      }
      start = i + 1;
      eq = -1;
      encoded = false;
    }
  }
  return found;
}
