import type { Socket } from "node:net";

/*
 * What the server tracks per connection, kept as properties on the socket (not in a Map)
 * because they are touched on every request.
 */

/** Requests in flight on the socket (pipelined ones queue behind the first). */
export const PENDING = Symbol("typhoon.pendingRequests");
/** `socket.bytesRead` when its last response closed: more since then = a request arriving. */
export const READ_MARK = Symbol("typhoon.readMark");

export type TrackedSocket = Socket & { [PENDING]?: number; [READ_MARK]?: number };

/** No request in flight and none arriving: the connection can close without losing one. */
export function isIdle(socket: TrackedSocket): boolean {
  return (socket[PENDING] ?? 0) === 0 && socket.bytesRead === (socket[READ_MARK] ?? 0);
}

/**
 * Closes an idle connection gracefully: written data is flushed, then FIN. (Node's own
 * closeIdleConnections destroys sockets whose last response may still be flushing.)
 */
export function endIdle(socket: TrackedSocket): void {
  if (!socket.destroyed && isIdle(socket)) socket.end();
}
