// How the TestClient follows a redirect: httpx's rules, which FastAPI's TestClient inherits.
import type { TestResponse } from "./test-response";

/** httpx's default `max_redirects`. */
export const DEFAULT_MAX_REDIRECTS = 20;

/** More redirects in a row than the client's `maxRedirects` (httpx's `TooManyRedirects`). */
export class TooManyRedirects extends Error {
  readonly code = "TOO_MANY_REDIRECTS";
  /** The redirect responses followed, oldest first; the last one was not followed. */
  readonly history: readonly TestResponse[];

  constructor(maxRedirects: number, history: readonly TestResponse[]) {
    const last = history.at(-1);
    super(
      `Exceeded maximum allowed redirects (${maxRedirects}); the last response was ${last?.status} to ${last?.headers.get("location")}. Pass followRedirects: false to see it.`,
    );
    this.name = "TooManyRedirects";
    this.history = history;
  }
}

/**
 * The method of the request that follows a redirect (httpx's `_redirect_method`): 303 turns
 * anything but HEAD into GET, so does 302 (as browsers do), 301 only a POST; 307 and 308
 * keep the method and the body.
 */
export function redirectMethod(method: string, status: number): string {
  if ((status === 303 || status === 302) && method !== "HEAD") return "GET";
  if (status === 301 && method === "POST") return "GET";
  return method;
}

/**
 * Where a redirect leads: `Location` resolved against the request's URL, or null when it is
 * not an http(s) URL (httpx would refuse the scheme; the client returns the redirect).
 * Any host reaches the app, as in Starlette's TestClient: in process there is no other server.
 */
export function redirectTarget(response: TestResponse): URL | null {
  const location = response.headers.get("location");
  if (location === undefined) return null;
  let url: URL;
  try {
    url = new URL(location, response.url);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url : null;
}
