/** The cookies a TestClient keeps across calls (one origin, so names are enough). */
export class CookieJar {
  readonly #values = new Map<string, string>();

  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  set(name: string, value: string): void {
    this.#values.set(name, value);
  }

  delete(name: string): void {
    this.#values.delete(name);
  }

  clear(): void {
    this.#values.clear();
  }

  /** Stores or removes cookies from `Set-Cookie` values (Max-Age=0 or a past Expires removes). */
  update(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = safeDecode(pair.slice(eq + 1).trim());
      if (attributes.some((a) => isExpired(a.trim()))) this.#values.delete(name);
      else this.#values.set(name, value);
    }
  }

  /** The `Cookie` header for the next request, merged with per-call cookies. */
  header(extra?: Record<string, string>): string | undefined {
    const all = new Map(this.#values);
    for (const [name, value] of Object.entries(extra ?? {})) all.set(name, value);
    if (all.size === 0) return undefined;
    return [...all].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
  }
}

function isExpired(attribute: string): boolean {
  const lower = attribute.toLowerCase();
  if (lower.startsWith("max-age=")) return Number(lower.slice(8)) <= 0;
  if (lower.startsWith("expires=")) return Date.parse(attribute.slice(8)) <= Date.now();
  return false;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
