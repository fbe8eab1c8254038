import { type Headers as HeaderPairs, headerValue } from "@typhoon/server";

// Small helpers over `[lower-case name, value]` pairs: middleware edits a response head in
// place of Starlette's MutableHeaders. Names passed in must already be lower-case.

/** The first value of `name`, or undefined (the server's reader, under this file's naming). */
export const getHeader = headerValue;

/** Replaces every value of `name` with one `value` (kept at the first one's position). */
export function setHeader(headers: HeaderPairs, name: string, value: string): void {
  let found = false;
  for (let i = 0; i < headers.length; i++) {
    if (headers[i]![0] !== name) continue;
    if (found) {
      headers.splice(i, 1);
      i--;
    } else {
      headers[i] = [name, value];
      found = true;
    }
  }
  if (!found) headers.push([name, value]);
}

export function removeHeader(headers: HeaderPairs, name: string): void {
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]![0] === name) headers.splice(i, 1);
}

/** Appends `token` to `Vary` (`Accept-Encoding, Origin`), as Starlette's `add_vary_header`. */
export function addVary(headers: HeaderPairs, token: string): void {
  const existing = getHeader(headers, "vary");
  setHeader(headers, "vary", existing === undefined ? token : `${existing}, ${token}`);
}

/** The media type without parameters, lower-cased (`text/html; charset=utf-8` → `text/html`). */
export function mediaTypeOf(headers: HeaderPairs): string | undefined {
  const value = getHeader(headers, "content-type");
  if (value === undefined) return undefined;
  const semicolon = value.indexOf(";");
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}
