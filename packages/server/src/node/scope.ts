import type { IncomingMessage } from "node:http";
import { percentDecode } from "../http/percent-decode";
import type { Address, Headers, State } from "../types";

export const ASGI = { version: "3.0", spec_version: "2.4" } as const;

/** Splits a request target into raw path and query string (no `?`). */
export function splitTarget(target: string): { rawPath: string; query: string } {
  if (target.charCodeAt(0) !== 47 /* "/" */) target = originForm(target);
  const q = target.indexOf("?");
  if (q === -1) return { rawPath: target, query: "" };
  return { rawPath: target.slice(0, q), query: target.slice(q + 1) };
}

/** `http://host/p?q` (absolute form, sent to proxies) → `/p?q`; `*` and others stay as sent. */
export function originForm(target: string): string {
  const scheme = target.indexOf("://");
  if (scheme === -1) return target;
  const slash = target.indexOf("/", scheme + 3);
  const query = target.indexOf("?", scheme + 3);
  if (slash !== -1 && (query === -1 || slash < query)) return target.slice(slash);
  return query === -1 ? "/" : `/${target.slice(query)}`;
}

/** Header pairs in arrival order with lower-case names, from Node's flat `rawHeaders`. */
export function headerPairs(rawHeaders: string[]): Headers {
  const out: Headers = new Array(rawHeaders.length >> 1);
  for (let i = 0, j = 0; i < rawHeaders.length; i += 2, j++) {
    out[j] = [rawHeaders[i]!.toLowerCase(), rawHeaders[i + 1]!];
  }
  return out;
}

function address(host: string | undefined, port: number | undefined): Address {
  return host === undefined || port === undefined ? null : [host, port];
}

/** The fields an http and a websocket scope share, read from a Node request. */
export function connectionScope(req: IncomingMessage, rootPath: string, state: State) {
  const { rawPath, query } = splitTarget(req.url ?? "/");
  const socket = req.socket;
  return {
    asgi: ASGI,
    http_version: req.httpVersion,
    path: percentDecode(rawPath),
    raw_path: rawPath,
    query_string: query,
    root_path: rootPath,
    headers: headerPairs(req.rawHeaders),
    client: address(socket.remoteAddress, socket.remotePort),
    server: address(socket.localAddress, socket.localPort),
    state: { ...state },
    extensions: {},
  };
}
