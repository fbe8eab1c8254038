import { percentDecode } from "@typhoon/server";
import type { ConnectionScope } from "./request-scope";

// Small readers for the one credential a scheme needs. Each scans only what it must and
// allocates nothing for the parts it skips: a scheme runs on every protected request.

/** The first value of a header (`name` in lower case), as Starlette's `headers.get` returns it. */
export function readHeader(scope: ConnectionScope, name: string): string | undefined {
  const headers = scope.headers;
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0] === name) return pair[1];
  }
  return undefined;
}

/**
 * The last value of a query parameter (Starlette's rule for a scalar), both key and value
 * form-decoded (`+` is a space). `undefined` when the key is absent; `""` for `?key` or `?key=`.
 */
export function readQueryParam(scope: ConnectionScope, name: string): string | undefined {
  const query = scope.query_string;
  if (query === "") return undefined;
  let found: string | undefined;
  let start = 0;
  // One pass over the string: every iteration moves `start` past one `&`-separated part.
  while (start <= query.length) {
    let end = query.indexOf("&", start);
    if (end === -1) end = query.length;
    if (end > start) {
      // Slicing the part first keeps the `=` search inside it (no quadratic rescans).
      const part = query.slice(start, end);
      const eq = part.indexOf("=");
      if (decodeFormComponent(eq === -1 ? part : part.slice(0, eq)) === name) {
        found = eq === -1 ? "" : decodeFormComponent(part.slice(eq + 1));
      }
    }
    start = end + 1;
  }
  return found;
}

/**
 * The value of a cookie: the first occurrence of `name` across the `Cookie` headers (browsers
 * send the most specific cookie first), surrounding quotes removed, percent-escapes decoded.
 */
export function readCookie(scope: ConnectionScope, name: string): string | undefined {
  const headers = scope.headers;
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0] !== "cookie") continue;
    const value = findCookie(pair[1], name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function findCookie(header: string, name: string): string | undefined {
  let start = 0;
  while (start < header.length) {
    let end = header.indexOf(";", start);
    if (end === -1) end = header.length;
    const part = header.slice(start, end);
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) {
      let value = part.slice(eq + 1).trim();
      if (value.length >= 2 && value.charCodeAt(0) === 34 && value.endsWith('"')) {
        value = value.slice(1, -1);
      }
      return value.includes("%") ? decodePercent(value) : value;
    }
    start = end + 1;
  }
  return undefined;
}

/** Decodes one `application/x-www-form-urlencoded` component: `+` is a space; never throws. */
export function decodeFormComponent(raw: string): string {
  const text = raw.includes("+") ? raw.replaceAll("+", " ") : raw;
  return text.includes("%") ? decodePercent(text) : text;
}

/**
 * Percent-decodes as UTF-8 and never throws: an escape that is malformed, or bytes that are
 * not valid UTF-8, are kept exactly as sent (the server's decoder, shared by every layer).
 */
export const decodePercent = percentDecode;

/** An `Authorization` header split at its first space (FastAPI's `get_authorization_scheme_param`). */
export interface AuthorizationParts {
  readonly scheme: string;
  readonly param: string;
}

const NO_AUTHORIZATION: AuthorizationParts = Object.freeze({ scheme: "", param: "" });

export function splitAuthorization(value: string | undefined): AuthorizationParts {
  if (!value) return NO_AUTHORIZATION;
  const space = value.indexOf(" ");
  if (space === -1) return { scheme: value, param: "" };
  return { scheme: value.slice(0, space), param: value.slice(space + 1) };
}
