/**
 * A bare `node:http` server whose `upgrade` event feeds the WebSocket host, plus small
 * promise helpers around the `ws` client, for the socket tests of the host on its own.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import type { Logger } from "../../src/logger";
import type { ServerApp } from "../../src/types";
import {
  createWebSocketHost,
  type WebSocketHost,
  type WebSocketHostOptions,
} from "../../src/websocket/host";

export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  error?: unknown;
}

export interface TestServer {
  url: string;
  host: WebSocketHost;
  logs: LogLine[];
  close(): Promise<void>;
}

export function memoryLogger(lines: LogLine[]): Logger {
  return {
    info: (message) => lines.push({ level: "info", message }),
    warn: (message) => lines.push({ level: "warn", message }),
    error: (message, error) => lines.push({ level: "error", message, error }),
  };
}

export async function startServer(
  app: ServerApp,
  options: Partial<WebSocketHostOptions> = {},
): Promise<TestServer> {
  const logs: LogLine[] = [];
  const host = createWebSocketHost(app, {
    rootPath: "",
    state: {},
    logger: memoryLogger(logs),
    maxMessageSize: 1 << 20,
    pingInterval: 0,
    secure: false,
    ...options,
  });
  const server = http.createServer((_req, res) => {
    res.statusCode = 426;
    res.end();
  });
  server.on("upgrade", (req, socket, head) => host.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    host,
    logs,
    async close() {
      await host.shutdown(500);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Opens a client; rejects with the HTTP status if the server refuses the upgrade. */
export function connect(
  url: string,
  protocols: string[] = [],
  options: WebSocket.ClientOptions = {},
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    inbox(ws); // start collecting now: a frame may arrive in the same tick as "open"
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => {
      reject(
        Object.assign(new Error(`unexpected-response ${res.statusCode}`), {
          status: res.statusCode,
        }),
      );
      res.resume();
      ws.terminate();
    });
    ws.once("error", reject);
  });
}

export interface ClientMessage {
  data: Buffer;
  isBinary: boolean;
}

export interface Inbox {
  next(): Promise<ClientMessage>;
}

const inboxes = new WeakMap<WebSocket, Inbox>();

/** Collects every message a client receives so tests can await them in order. */
export function inbox(ws: WebSocket): Inbox {
  const existing = inboxes.get(ws);
  if (existing !== undefined) return existing;
  const waiting: ClientMessage[] = [];
  const waiters: Array<(m: ClientMessage) => void> = [];
  ws.on("message", (data, isBinary) => {
    const message = { data: data as Buffer, isBinary };
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else waiting.push(message);
  });
  const created: Inbox = {
    next: () => {
      const ready = waiting.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
  };
  inboxes.set(ws, created);
  return created;
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error("already closed"));
  return new Promise((resolve) => {
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}

/** A promise plus its resolver, for handing values out of an app. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
