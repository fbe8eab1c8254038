/**
 * Shared pieces of the socket tests: a server on 127.0.0.1:0 with an in-memory logger that is
 * closed after each test, a raw TCP client for protocol cases, and small app builders.
 */
import net from "node:net";
import { afterEach } from "vitest";
import type { Logger } from "../../src/logger";
import type { ServeOptions } from "../../src/node/options";
import { type ServerHandle, serve } from "../../src/node/serve";
import type { HTTPScope, Receive, ServerApp } from "../../src/types";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  error?: unknown;
}

export function memoryLogger(lines: LogLine[]): Logger {
  return {
    debug: (message) => lines.push({ level: "debug", message }),
    info: (message) => lines.push({ level: "info", message }),
    warn: (message) => lines.push({ level: "warn", message }),
    error: (message, error) => lines.push({ level: "error", message, error }),
  };
}

export interface TestServer extends ServerHandle {
  logs: LogLine[];
}

const open = new Set<ServerHandle>();
const sockets = new Set<net.Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  const closing = [...open].map((handle) => handle.close());
  open.clear();
  await Promise.all(closing);
});

/** serve() on a free port with short grace and quiet access logs; closed after the test. */
export async function startServer(app: ServerApp, options: ServeOptions = {}): Promise<TestServer> {
  const logs: LogLine[] = [];
  const handle = await serve(app, {
    host: "127.0.0.1",
    port: 0,
    gracefulTimeout: 1_000,
    logger: memoryLogger(logs),
    ...options,
  });
  open.add(handle);
  return { ...handle, logs };
}

/** Reads the body to the end; returns its messages' bodies as strings. */
export async function readBody(receive: Receive): Promise<string[]> {
  const chunks: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const message = await receive();
    if (message.type !== "http.request") break;
    chunks.push(Buffer.from(message.body).toString());
    if (!message.more_body) break;
  }
  return chunks;
}

/** An app answering every http request with `reply(scope)`. */
export function textApp(reply: (scope: HTTPScope) => string, status = 200): ServerApp {
  return async (scope, _receive, send) => {
    if (scope.type !== "http") return;
    await send({
      type: "http.response.start",
      status,
      headers: [["content-type", "text/plain; charset=utf-8"]],
    });
    await send({ type: "http.response.body", body: Buffer.from(reply(scope)) });
  };
}

/** A raw TCP connection for protocol cases: write bytes, read until the server closes. */
export class RawClient {
  readonly socket: net.Socket;
  #data = "";
  #closed: Promise<void>;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      this.#data += chunk;
    });
    socket.on("error", () => {});
    this.#closed = new Promise((resolve) => socket.once("close", () => resolve()));
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawClient(socket)));
      sockets.add(socket);
      socket.once("error", reject);
    });
  }

  get received(): string {
    return this.#data;
  }

  write(data: string | Buffer): boolean {
    return this.socket.write(data);
  }

  /** Everything the server sent, once it closed the connection. */
  async untilClosed(): Promise<string> {
    await this.#closed;
    return this.#data;
  }

  /** Waits (bounded) until the received text satisfies `test`. */
  async until(test: (received: string) => boolean, timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!test(this.#data)) {
      if (Date.now() > deadline)
        throw new Error(`Timed out; received so far: ${JSON.stringify(this.#data)}`);
      await sleep(5);
    }
    return this.#data;
  }

  get closed(): boolean {
    return this.socket.destroyed;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits (bounded) until `test()` holds. */
export async function eventually(test: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

/** The status line's code of a raw response. */
export function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
}
