import type { IncomingMessage } from "node:http";
import { percentDecode } from "../http/percent-decode";
import type { Address, Headers, HTTPScope, State } from "../types";
import { ASGI, originForm } from "./scope";
import { connectionOf, localAddress, peerAddress } from "./socket-state";

/** What the server itself must know about a request head, found while building the scope. */
export interface RequestFacts {
  /** Declared `Content-Length`, or -1 when absent. */
  contentLength: number;
  /** `Transfer-Encoding` present (the body is chunked, length unknown). */
  chunked: boolean;
  /** Number of `Host` lines (HTTP/1.1 requires exactly one). */
  hostLines: number;
}

/** The per-server parts of every http scope (the ServerContext is one). */
export interface ScopeSite {
  readonly rootPath: string;
  readonly state: State;
  readonly scheme: string;
  /** The local address of every connection, when the server listens on one interface. */
  readonly serverAddress: Address | undefined;
}

/**
 * The http scope for a Node request, built in one pass over `rawHeaders` (Node's lazy
 * `req.headers` object is never materialised) that also fills `facts`.
 */
export function httpScope(req: IncomingMessage, site: ScopeSite, facts: RequestFacts): HTTPScope {
  const raw = req.rawHeaders;
  const headers: Headers = new Array(raw.length >> 1);
  facts.contentLength = -1;
  facts.chunked = false;
  facts.hostLines = 0;
  for (let i = 0, j = 0; i < raw.length; i += 2, j++) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    headers[j] = [name, value];
    // llhttp already rejected malformed or conflicting framing headers.
    if (name.length === 14 && name === "content-length") facts.contentLength = Number(value);
    else if (name.length === 17 && name === "transfer-encoding") facts.chunked = true;
    else if (name.length === 4 && name === "host") facts.hostLines++;
  }
  // Inlined splitTarget: no {rawPath, query} object per request.
  let target = req.url ?? "/";
  if (target.charCodeAt(0) !== 47 /* "/" */) target = originForm(target);
  const mark = target.indexOf("?");
  const rawPath = mark === -1 ? target : target.slice(0, mark);
  const socket = req.socket;
  const connection = connectionOf(socket);
  return {
    type: "http",
    asgi: ASGI,
    http_version: req.httpVersion,
    method: req.method ?? "GET",
    scheme: site.scheme,
    path: percentDecode(rawPath),
    raw_path: rawPath,
    query_string: mark === -1 ? "" : target.slice(mark + 1),
    root_path: site.rootPath,
    headers,
    client: peerAddress(socket, connection),
    server: localAddress(socket, connection, site.serverAddress),
    state: { ...site.state },
    extensions: {},
  };
}
