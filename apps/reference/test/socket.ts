import { serve } from "typhoon";
import WS from "ws";
import { createApp } from "../src/app";
import { quietLogger } from "./helpers";

/** The reference app served on 127.0.0.1, port 0 (the caller closes it). */
export async function serveReference() {
  const { app } = createApp({ logger: quietLogger() });
  return serve(app, { host: "127.0.0.1", port: 0, logLevel: "silent" });
}

/** How a WebSocket attempt ended before opening: the HTTP status of a refused handshake. */
export function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WS(url);
    socket.on("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on("open", () => {
      socket.close();
      reject(new Error(`${url} was accepted`));
    });
    socket.on("error", () => {});
  });
}

/** A connected client that queues text frames and the close, so tests can await them in order. */
export class WsClient {
  readonly #socket: WS;
  readonly #messages: string[] = [];
  readonly #waiters: ((message: string) => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(socket: WS) {
    this.#socket = socket;
    socket.on("message", (data) => {
      const text = String(data);
      const waiter = this.#waiters.shift();
      if (waiter) waiter(text);
      else this.#messages.push(text);
    });
    this.closed = new Promise((resolve) => {
      socket.on("close", (code, reason) => resolve({ code, reason: String(reason) }));
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WS(url, { headers });
      const client = new WsClient(socket);
      socket.once("open", () => resolve(client));
      socket.once("error", reject);
    });
  }

  /** The next text frame. */
  next(): Promise<string> {
    const queued = this.#messages.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  send(text: string): void {
    this.#socket.send(text);
  }

  close(): void {
    this.#socket.close();
  }
}
