// The requests one TestClient call makes: the call itself, then each redirect it follows.
import type { QueryValue } from "@typhoon/server";
import { redirectMethod } from "./redirects";
import type { RequestOptions } from "./test-client";

/** One request on the way to the final response: the call, or a redirect it led to. */
export interface Hop {
  method: string;
  /** `/path?query` as the call gave it, or as the redirect's Location says. */
  target: string;
  scheme: "http" | "https";
  host: string;
  options: RequestOptions;
}

/**
 * The request a redirect leads to, as httpx builds it: the method per `redirectMethod`, the
 * body only while the method stays, the call's headers kept, the Cookie header from the jar
 * (which holds the cookies set along the way; a call's own `cookies` are not sent again).
 */
export function nextHop(hop: Hop, status: number, url: URL): Hop {
  const method = redirectMethod(hop.method, status);
  const { headers } = hop.options;
  const options: RequestOptions = {};
  if (method === hop.method) {
    const { json, data, files, content } = hop.options;
    Object.assign(options, definedOnly({ headers, json, data, files, content }));
  } else if (headers !== undefined) {
    // The body is dropped, and the headers that framed it with it.
    options.headers = Object.fromEntries(
      Object.entries(headers).filter(([name]) => !BODY_FRAMING.has(name.toLowerCase())),
    );
  }
  return {
    method,
    target: url.pathname + url.search,
    scheme: url.protocol === "https:" ? "https" : "http",
    host: url.host,
    options,
  };
}

const BODY_FRAMING = new Set(["content-length", "transfer-encoding"]);

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The full URL of a hop, for `response.url` and for resolving a relative Location. */
export function requestUrl(hop: Hop): string {
  let url: URL;
  try {
    url = new URL(`${hop.scheme}://${hop.host}${hop.target}`);
  } catch {
    return ""; // a host option no URL can hold: no url, and no redirect to resolve against it
  }
  const query = hop.options.query;
  if (query !== undefined) {
    const extra =
      typeof query === "string"
        ? new URLSearchParams(query)
        : query instanceof URLSearchParams
          ? query
          : recordParams(query);
    for (const [key, value] of extra) url.searchParams.append(key, value);
  }
  return url.href;
}

function recordParams(query: Record<string, QueryValue | QueryValue[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  return params;
}
