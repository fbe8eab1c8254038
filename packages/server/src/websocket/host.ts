/**
 * WebSockets on the Node host: `ws` in no-server mode, fed by the HTTP server's `upgrade`
 * event, so HTTP and WebSocket traffic share one port. `ws` checks the handshake; the app
 * decides it (accept with a subprotocol and headers, or close → 403).
 */
import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../logger";
import { connectionScope } from "../node/scope";
import type { ServerApp, State, WebSocketScope } from "../types";
import { parseSubprotocols } from "./protocol";
import { type HandshakeDecision, WebSocketSession } from "./session";

export interface WebSocketHostOptions {
  /** Prefix the app is mounted under, copied into every scope. */
  rootPath: string;
  /** Lifespan state; each scope gets a shallow copy. */
  state: State;
  logger: Logger;
  /** Largest message accepted, in bytes; a bigger one closes the socket with 1009. */
  maxMessageSize: number;
  /** Milliseconds between keepalive pings; a peer that misses a pong is dropped. 0 turns it off. */
  pingInterval: number;
  /** Whether the listener is TLS (`wss` scheme). */
  secure: boolean;
}

export interface WebSocketHost {
  /** Hand over an HTTP `upgrade` event; the host answers the handshake and owns the socket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Graceful stop: refuse new upgrades (503), close every socket with 1001 "server shutting
   * down", wait for the app calls and sockets to end, and drop what is left after `timeoutMs`.
   */
  shutdown(timeoutMs: number): Promise<void>;
  /** Connections the host is handling (handshakes in progress and open sockets). */
  readonly size: number;
}

/** Answers an upgrade with a bare HTTP error and closes the socket (what `ws` does too). */
function refuseUpgrade(socket: Duplex, status: number): void {
  const message = STATUS_CODES[status] ?? "Error";
  socket.once("finish", () => socket.destroy());
  socket.on("error", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

export function createWebSocketHost(app: ServerApp, options: WebSocketHostOptions): WebSocketHost {
  const { rootPath, state, logger, secure } = options;
  const scheme = secure ? "wss" : "ws";
  const sessions = new Set<WebSocketSession>();
  const byRequest = new WeakMap<IncomingMessage, WebSocketSession>();
  let closing = false;
  let keepalive: NodeJS.Timeout | undefined;
  let onEmpty: (() => void) | undefined;

  const forget = (session: WebSocketSession): void => {
    sessions.delete(session);
    if (sessions.size > 0) return;
    if (keepalive !== undefined) clearInterval(keepalive);
    keepalive = undefined;
    onEmpty?.();
  };

  const track = (session: WebSocketSession): void => {
    sessions.add(session);
    if (keepalive === undefined && options.pingInterval > 0 && !closing) {
      // One timer for all sockets, only while there are any; unref'd so it never holds the process.
      keepalive = setInterval(() => {
        for (const s of sessions) s.heartbeat();
      }, options.pingInterval).unref();
    }
  };

  // The app runs inside `verifyClient`: `ws` has validated the handshake by then, and waits
  // for our callback (the app's accept or close) before it writes the 101 or the refusal.
  const verifyClient = (info: { req: IncomingMessage }, decide: HandshakeDecision): void => {
    const req = info.req;
    const scope: WebSocketScope = {
      ...connectionScope(req, rootPath, state),
      type: "websocket",
      scheme,
      subprotocols: parseSubprotocols(req.headers["sec-websocket-protocol"]),
    };
    const session = new WebSocketSession({
      app,
      scope,
      socket: req.socket,
      decide,
      logger,
      onSettled: forget,
    });
    byRequest.set(req, session);
    track(session);
  };

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: options.maxMessageSize,
    verifyClient,
    // Without this `ws` would pick the client's first offer; the app's accept decides.
    handleProtocols: (_offered, req) => byRequest.get(req)?.accepted?.subprotocol ?? false,
  });
  wss.on("headers", (lines, req) => {
    const extra = byRequest.get(req)?.accepted?.headers;
    if (extra !== undefined) for (const [name, value] of extra) lines.push(`${name}: ${value}`);
  });

  return {
    handleUpgrade(req, socket, head) {
      if (closing) {
        refuseUpgrade(socket, 503);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws: WebSocket, upgraded: IncomingMessage) => {
        const session = byRequest.get(upgraded);
        if (session === undefined) ws.terminate();
        else session.attach(ws);
      });
    },

    async shutdown(timeoutMs) {
      closing = true;
      if (keepalive !== undefined) clearInterval(keepalive);
      keepalive = undefined;
      if (sessions.size > 0) {
        const empty = new Promise<void>((resolve) => {
          onEmpty = resolve;
        });
        for (const session of sessions) session.shutdown();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), timeoutMs);
        });
        const outcome = await Promise.race([empty, deadline]);
        clearTimeout(timer);
        if (outcome === "timeout") {
          logger.warn(
            `WebSocket shutdown: ${sessions.size} connection(s) still open after ${timeoutMs} ms, dropping them`,
          );
          for (const session of sessions) session.terminate();
        }
      }
      wss.close();
    },

    get size() {
      return sessions.size;
    },
  };
}
