import type { Socket } from "node:net";
import type { Address } from "../types";

/*
 * What the server tracks per connection, kept in one record on the socket (not in a Map)
 * because it is touched on every request. It holds numbers and the connection's addresses
 * only — never a request, response or exchange — so an idle keep-alive connection keeps
 * nothing of its last request alive.
 */
export const CONNECTION = Symbol("typhoon.connection");

export interface ConnectionState {
  /** Requests in flight on the socket (pipelined ones queue behind the first). */
  pending: number;
  /** `socket.bytesRead` when its last response closed: more since then = a request arriving. */
  readMark: number;
  /**
   * The peer and local addresses, read once per connection (each read goes through Node's
   * getters into the handle). Frozen, because every scope on the connection shares them.
   * `server` stays unset when the server knows its one local address (see localAddress).
   */
  client: Address | undefined;
  server: Address | undefined;
}

export type TrackedSocket = Socket & { [CONNECTION]?: ConnectionState };

/** The socket's record, created on first use. */
export function connectionOf(socket: TrackedSocket): ConnectionState {
  let state = socket[CONNECTION];
  if (state === undefined) {
    state = { pending: 0, readMark: 0, client: undefined, server: undefined };
    socket[CONNECTION] = state;
  }
  return state;
}

/** No request in flight and none arriving: the connection can close without losing one. */
export function isIdle(socket: TrackedSocket): boolean {
  const state = socket[CONNECTION];
  if (state === undefined) return socket.bytesRead === 0;
  return state.pending === 0 && socket.bytesRead === state.readMark;
}

/**
 * Closes an idle connection gracefully: written data is flushed, then FIN. (Node's own
 * closeIdleConnections destroys sockets whose last response may still be flushing.)
 */
export function endIdle(socket: TrackedSocket): void {
  if (!socket.destroyed && isIdle(socket)) socket.end();
}

function address(host: string | undefined, port: number | undefined): Address {
  if (host === undefined) return null;
  return Object.freeze([host, port ?? 0]) as Address;
}

/** The connection's `[client, server]` addresses, read from the socket on first use. */
export function peerAddress(socket: Socket, state: ConnectionState): Address {
  if (state.client === undefined) state.client = address(socket.remoteAddress, socket.remotePort);
  return state.client;
}

/**
 * `shared` is the server's one local address when it listens on a specific interface (every
 * connection then has it): no per-connection read, which would also make Node cache a
 * `_sockname` object on each socket. A wildcard listener reads it per connection.
 */
export function localAddress(
  socket: Socket,
  state: ConnectionState,
  shared: Address | undefined,
): Address {
  if (shared !== undefined) return shared;
  if (state.server === undefined) state.server = address(socket.localAddress, socket.localPort);
  return state.server;
}

/**
 * The local address every connection to a listener bound to `bound` has, or undefined when
 * it varies per connection (a wildcard listener answers on every interface).
 */
export function fixedLocalAddress(bound: { address: string; port: number }): Address | undefined {
  const host = bound.address;
  if (host === "0.0.0.0" || host === "::" || host === "") return undefined;
  return address(host, bound.port);
}
