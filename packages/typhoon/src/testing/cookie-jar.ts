// Cookies go out as written, as httpx (Starlette's test client) sends them: a value is never
// encoded, so one the header cannot carry as it is is refused rather than silently altered.
// Besides `;` (it would end the cookie), that is anything outside tab, space, printable ASCII
// and latin-1 (what Node and fetch accept in a header value); a name cannot hold `=` either.
const unsendableValue = /[^\t\x20-\x3a\x3c-\x7e\x80-\xff]/;
const unsendableName = /[^\t\x20-\x3a\x3c\x3e-\x7e\x80-\xff]/;

/**
 * The cookies a TestClient keeps across calls (one origin, so names are enough). Values are
 * kept raw, as a browser keeps them: a cookie set as `sid="a b"` is stored and sent back as
 * `"a b"`, quotes included, and the app reads `a b`.
 */
export class CookieJar {
  readonly #values = new Map<string, string>();

  /** The raw value, as the server set it (quotes included) or as `set` was given it. */
  get(name: string): string | undefined {
    return this.#values.get(name);
  }

  /** Keeps a cookie to send as written; throws if the `Cookie` header cannot carry it so. */
  set(name: string, value: string): void {
    checkSendable(name, value);
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
    for (const { name, value, expired } of parseSetCookies(setCookies)) {
      if (expired) this.#values.delete(name);
      else this.#values.set(name, value);
    }
  }

  /**
   * The `Cookie` header for the next request: the jar's cookies and then the call's (a call's
   * cookie replaces the jar's of the same name), each `name=value` as written, joined by "; ".
   */
  header(extra?: Record<string, string>): string | undefined {
    const all = new Map(this.#values);
    for (const [name, value] of Object.entries(extra ?? {})) {
      checkSendable(name, value);
      all.set(name, value);
    }
    if (all.size === 0) return undefined;
    return [...all].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function checkSendable(name: string, value: string): void {
  if (unsendableName.test(name))
    throw new TypeError(
      `Cookie name ${JSON.stringify(name)} cannot be sent as written (no "=", ";", CR, LF or characters outside latin-1)`,
    );
  if (unsendableValue.test(value))
    throw new TypeError(
      `Cookie ${name}'s value ${JSON.stringify(value)} cannot be sent as written (no ";", CR, LF or characters outside latin-1); quote or encode it yourself`,
    );
}

interface SetCookie {
  name: string;
  /** Raw, as sent (quotes included). */
  value: string;
  /** Max-Age=0 or a past Expires: the server removes the cookie. */
  expired: boolean;
}

/** The cookies of `Set-Cookie` values, in order; lines without `name=` are skipped. */
export function parseSetCookies(setCookies: readonly string[]): SetCookie[] {
  const cookies: SetCookie[] = [];
  for (const line of setCookies) {
    const [pair = "", ...attributes] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    cookies.push({
      name: pair.slice(0, eq).trim(),
      value: pair.slice(eq + 1).trim(),
      expired: attributes.some((a) => isExpired(a.trim())),
    });
  }
  return cookies;
}

function isExpired(attribute: string): boolean {
  const lower = attribute.toLowerCase();
  if (lower.startsWith("max-age=")) return Number(lower.slice(8)) <= 0;
  if (lower.startsWith("expires=")) return Date.parse(attribute.slice(8)) <= Date.now();
  return false;
}
