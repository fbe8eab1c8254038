/**
 * Turning what a test asks for (a path with or without a query, headers as pairs or a record,
 * a body as text, bytes or chunks) into the scope a Node host would have built for the same
 * request on the wire.
 */
import { percentDecode } from "../http/percent-decode";
import { ASGI, splitTarget } from "../node/scope";
import type { Address, Headers, State } from "../types";
import { checkHeaders } from "../websocket/protocol";

export type QueryValue = string | number | boolean;

/** Request headers: `[name, value]` pairs (order and repeats kept) or a record. */
export type RequestHeaders = Headers | Record<string, string | string[]>;

export interface ConnectionOptions {
  /** Request target path, e.g. `"/items/1"`; may carry `?query`. Must start with `/`. */
  path: string;
  /** Appended to any query in `path`: a raw string, URLSearchParams, or a record (arrays repeat the key). */
  query?: string | URLSearchParams | Record<string, QueryValue | QueryValue[]>;
  headers?: RequestHeaders;
  /** `scope.root_path`. Default `""`. */
  rootPath?: string;
  /** Lifespan state; the scope gets a shallow copy, as on the Node host. */
  state?: State;
  /** Default `["testclient", 50000]`. */
  client?: Address;
  /** Default `["testserver", 80]` (443 with a secure scheme). */
  server?: Address;
  /** Default `"1.1"`. */
  httpVersion?: string;
}

const encoder = new TextEncoder();

/** Characters that cannot appear as-is in a request target; clients percent-encode them. */
const NOT_IN_TARGET = /[^\x21-\x7e]+/g;

function encodeTarget(path: string): string {
  const hash = path.indexOf("#"); // a fragment never reaches the server
  const target = hash === -1 ? path : path.slice(0, hash);
  return target.replace(NOT_IN_TARGET, (run) => {
    let out = "";
    for (const byte of encoder.encode(run))
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    return out;
  });
}

function queryString(query: ConnectionOptions["query"]): string {
  if (query === undefined) return "";
  if (typeof query === "string") return query.startsWith("?") ? query.slice(1) : query;
  if (query instanceof URLSearchParams) return query.toString();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  return params.toString();
}

/** Lower-cased, validated header pairs in the order given. */
export function normalizeHeaders(init: RequestHeaders | undefined): Headers {
  if (init === undefined) return [];
  const out: Headers = [];
  if (Array.isArray(init)) {
    for (const pair of init) out.push([String(pair[0]).toLowerCase(), pair[1]]);
  } else {
    for (const [name, value] of Object.entries(init)) {
      const lower = name.toLowerCase();
      if (Array.isArray(value)) for (const item of value) out.push([lower, item]);
      else out.push([lower, value]);
    }
  }
  try {
    checkHeaders(out, "request");
  } catch (error) {
    throw new TypeError((error as Error).message);
  }
  return out;
}

export function hasHeader(headers: Headers, name: string): boolean {
  for (const [key] of headers) if (key === name) return true;
  return false;
}

/** The fields http and websocket scopes share, as the Node host fills them. */
export function connectionScope(options: ConnectionOptions, headers: Headers, secure: boolean) {
  if (typeof options.path !== "string" || !options.path.startsWith("/")) {
    throw new TypeError(`path must start with "/" (got ${JSON.stringify(options.path)})`);
  }
  const { rawPath, query } = splitTarget(encodeTarget(options.path));
  const extra = queryString(options.query);
  return {
    asgi: ASGI,
    http_version: options.httpVersion ?? "1.1",
    path: percentDecode(rawPath),
    raw_path: rawPath,
    query_string: query === "" ? extra : extra === "" ? query : `${query}&${extra}`,
    root_path: options.rootPath ?? "",
    headers,
    client: options.client === undefined ? (["testclient", 50000] as Address) : options.client,
    server:
      options.server === undefined
        ? (["testserver", secure ? 443 : 80] as Address)
        : options.server,
    state: { ...options.state },
    extensions: {},
  };
}
