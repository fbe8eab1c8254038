import type { Headers } from "../types";

/**
 * RFC 9110 token characters (what a header name may contain) as a lookup table: a loop over
 * a short name costs a fraction of a regex call, and this runs for every response header.
 */
const TOKEN_CHARS = (() => {
  const table = new Uint8Array(128);
  const allowed = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let i = 0; i < allowed.length; i++) table[allowed.charCodeAt(i)] = 1;
  return table;
})();

function isToken(name: string): boolean {
  const length = name.length;
  if (length === 0) return false;
  for (let i = 0; i < length; i++) {
    const c = name.charCodeAt(i);
    if (c > 127 || TOKEN_CHARS[c] === 0) return false;
  }
  return true;
}

/** Same rule as Node's own check: no control characters but tab (so no CR, LF or NUL). */
function isValidValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || c > 0xff) return false;
  }
  return true;
}

/** 1 to 15 decimal digits (a safe integer), else NaN. */
function parseLength(value: string): number {
  const length = value.length;
  if (length === 0 || length > 15) return Number.NaN;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
  }
  return Number(value);
}

/**
 * Strings already checked, by kind: apps send the same few header names and values (often the
 * same constants) on every response, and a Set lookup costs less than a scan. Bounded: only
 * short strings are kept, and a full set starts over.
 */
const CACHE_LIMIT = 512;
const CACHED_LENGTH = 128;
const validNames = new Set<string>();
const validValues = new Set<string>();

function remember(set: Set<string>, value: string): void {
  if (value.length > CACHED_LENGTH) return;
  if (set.size >= CACHE_LIMIT) set.clear();
  set.add(value);
}

function isValidName(name: string): boolean {
  if (validNames.has(name)) return true;
  if (!isToken(name)) return false;
  remember(validNames, name);
  return true;
}

function isValidHeaderValue(value: string): boolean {
  if (validValues.has(value)) return true;
  if (!isValidValue(value)) return false;
  remember(validValues, value);
  return true;
}

/** Why an app's `http.response.start` cannot be sent. */
export class InvalidResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidResponseError";
  }
}

/**
 * Checks status and headers of an `http.response.start` and returns the declared
 * Content-Length (-1 when absent). Throws InvalidResponseError on anything that would
 * corrupt the response stream.
 */
export function checkResponseHead(status: unknown, headers: Headers | undefined): number {
  if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 999) {
    throw new InvalidResponseError(
      `Invalid response status ${String(status)}: expected an integer 100..999`,
    );
  }
  let contentLength = -1;
  if (headers === undefined) return contentLength;
  if (!Array.isArray(headers))
    throw new InvalidResponseError("Response headers must be an array of [name, value] pairs");
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i];
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new InvalidResponseError(`Response header #${i} is not a [name, value] pair`);
    }
    const name = pair[0];
    const value = pair[1];
    if (typeof name !== "string" || !isValidName(name)) {
      throw new InvalidResponseError(`Invalid response header name ${JSON.stringify(name)}`);
    }
    if (typeof value !== "string") throw invalidValue(name);
    if (name.length === 14 && name.toLowerCase() === "content-length") {
      // Digits only, so a valid value too; lengths vary, so they stay out of the cache.
      const declared = parseLength(value);
      if (Number.isNaN(declared) || (contentLength !== -1 && contentLength !== declared)) {
        throw new InvalidResponseError(`Invalid Content-Length ${JSON.stringify(value)}`);
      }
      contentLength = declared;
    } else if (!isValidHeaderValue(value)) {
      throw invalidValue(name);
    }
  }
  return contentLength;
}

function invalidValue(name: string): InvalidResponseError {
  return new InvalidResponseError(
    `Invalid value for response header "${name}" (control characters such as CR/LF are not allowed)`,
  );
}
