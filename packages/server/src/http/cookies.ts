import type { Headers } from "../types";

// Request cookies read as Starlette reads them: split on `;`, a chunk without `=` is a value
// with an empty name, names and values trimmed, a later duplicate name wins, quoted values
// unquoted as Python's `http.cookies` does, and nothing percent-decoded (`+` and `%3D` stay
// as sent). Several `Cookie` header lines read as if joined with "; ".

const QUOTE = 34;
const ESCAPE = /\\(?:([0-3][0-7][0-7])|u\{([0-9A-Fa-f]{1,6})\}|([^\n]))/g;

/** Every cookie of every `Cookie` line; a name sent twice keeps its last value. */
export function parseCookies(headers: Headers): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null);
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0] === "cookie") parseCookieHeader(pair[1], cookies);
  }
  return cookies;
}

/** The cookies of one `Cookie` header value, added to `into` (a fresh object by default). */
export function parseCookieHeader(
  header: string,
  into: Record<string, string> = Object.create(null),
): Record<string, string> {
  forEachCookie(header, (name, value) => {
    into[name] = unquoteCookieValue(value);
  });
  return into;
}

/** The value of cookie `name` across the `Cookie` lines, without building the whole map. */
export function cookieValue(headers: Headers, name: string): string | undefined {
  let found: string | undefined;
  const keep = (chunkName: string, value: string) => {
    if (chunkName === name) found = value;
  };
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0] === "cookie") forEachCookie(pair[1], keep);
  }
  return found === undefined ? undefined : unquoteCookieValue(found);
}

/** Calls `each(name, value)` for every non-empty `;` chunk, both trimmed, value still quoted. */
function forEachCookie(header: string, each: (name: string, value: string) => void): void {
  let start = 0;
  let eq = -1;
  // Bounded: every turn moves `start` past one `;`.
  while (start <= header.length) {
    let end = header.indexOf(";", start);
    if (end === -1) end = header.length;
    eq = nextEquals(header, start, eq);
    const hasName = eq < end;
    const name = hasName ? header.slice(start, eq).trim() : "";
    const value = header.slice(hasName ? eq + 1 : start, end).trim();
    if (name !== "" || value !== "") each(name, value);
    start = end + 1;
  }
}

/**
 * The first `=` at or after `start` (`header.length` when none is left), reusing the previous
 * answer while it is still ahead: searching afresh per chunk would rescan `a;b;c;...` to the
 * end for every chunk, quadratic in the header's length.
 */
function nextEquals(header: string, start: number, previous: number): number {
  if (previous >= start) return previous;
  const eq = header.indexOf("=", start);
  return eq === -1 ? header.length : eq;
}

/**
 * Python's `http.cookies._unquote`: a value wrapped in double quotes loses them, and inside
 * them `\ooo` (octal, one char) and `\x` (the char itself) are resolved. Anything else stays.
 * One addition: `\u{hex}` is the character of that code point, which is how the umbrella's
 * `serializeCookie` writes characters above U+00FF (Python's `_quote` has no escape for them,
 * and would read `\u{20ac}` as `u{20ac}`).
 */
export function unquoteCookieValue(value: string): string {
  const last = value.length - 1;
  if (last < 1 || value.charCodeAt(0) !== QUOTE || value.charCodeAt(last) !== QUOTE) return value;
  const inner = value.slice(1, last);
  if (!inner.includes("\\")) return inner;
  return inner.replace(ESCAPE, resolveEscape);
}

function resolveEscape(
  match: string,
  octal: string | undefined,
  hex: string | undefined,
  char: string | undefined,
): string {
  if (octal !== undefined) return String.fromCharCode(Number.parseInt(octal, 8));
  if (char !== undefined) return char;
  const code = Number.parseInt(hex!, 16);
  // Beyond Unicode's range it is not this escape: Python's rule reads `\u` as `u`.
  return code <= 0x10ffff ? String.fromCodePoint(code) : match.slice(1);
}
