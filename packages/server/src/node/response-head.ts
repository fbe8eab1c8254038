import type { Headers } from "../types";

/** RFC 9110 token characters: what a header name may contain. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Same rule as Node's own check: no control characters but tab (so no CR, LF or NUL). */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

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
    const [name, value] = pair;
    if (typeof name !== "string" || !TOKEN.test(name)) {
      throw new InvalidResponseError(`Invalid response header name ${JSON.stringify(name)}`);
    }
    if (typeof value !== "string" || INVALID_VALUE.test(value)) {
      throw new InvalidResponseError(
        `Invalid value for response header "${name}" (control characters such as CR/LF are not allowed)`,
      );
    }
    if (name.length === 14 && name.toLowerCase() === "content-length") {
      const declared = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isNaN(declared) || (contentLength !== -1 && contentLength !== declared)) {
        throw new InvalidResponseError(`Invalid Content-Length ${JSON.stringify(value)}`);
      }
      contentLength = declared;
    }
  }
  return contentLength;
}

/** Responses that never carry a body, whatever the app sends (RFC 9110 §6.4.1). */
export function statusHasNoBody(status: number): boolean {
  return status === 204 || status === 304 || status < 200;
}
