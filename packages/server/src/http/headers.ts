import type { Headers } from "../types";

// Readers over a scope's `[lower-case name, value]` pairs. They scan rather than index:
// a request carries a handful of headers and most are never read.

/** The first value of `name` (lower case), as Starlette's `headers.get` returns it. */
export function headerValue(headers: Headers, name: string): string | undefined {
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0] === name) return pair[1];
  }
  return undefined;
}

/** Every value of `name` (lower case), one per header line, in arrival order. */
export function headerValues(headers: Headers, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (pair[0] === name) values.push(pair[1]);
  }
  return values;
}
