/** Decodes one query component: `+` is a space, bad escapes are kept as sent. */
export function decodeComponent(raw: string): string {
  const s = raw.includes("+") ? raw.replace(/\+/g, " ") : raw;
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Parsed query string: every key keeps all its values in order. */
export class QueryParams implements Iterable<[string, string]> {
  readonly #map = new Map<string, string[]>();
  readonly #pairs: [string, string][] = [];

  constructor(queryString: string) {
    if (queryString === "") return;
    for (const part of queryString.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const key = decodeComponent(eq === -1 ? part : part.slice(0, eq));
      const value = eq === -1 ? "" : decodeComponent(part.slice(eq + 1));
      this.#pairs.push([key, value]);
      const list = this.#map.get(key);
      if (list) list.push(value);
      else this.#map.set(key, [value]);
    }
  }

  /** The last value of `key` (Starlette's rule for scalar parameters). */
  get(key: string): string | undefined {
    const list = this.#map.get(key);
    return list === undefined ? undefined : list[list.length - 1];
  }

  getAll(key: string): string[] {
    return this.#map.get(key) ?? [];
  }

  has(key: string): boolean {
    return this.#map.has(key);
  }

  keys(): IterableIterator<string> {
    return this.#map.keys();
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.#pairs[Symbol.iterator]();
  }
}
