import type {
  Headers as HeaderPairs,
  Receive,
  ReceiveMessage,
  Send,
  WebSocketScope,
} from "@typhoon/server";
import { Request } from "../http/request";

/** The client closed the connection (or it dropped): raised by receive*() and send*(). */
export class WebSocketDisconnect extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code = 1000, reason = "") {
    super(`WebSocket disconnected with code ${code}${reason ? `: ${reason}` : ""}`);
    this.name = "WebSocketDisconnect";
    this.code = code;
    this.reason = reason;
  }
}

/** Raise it in a WebSocket route or dependency to close with `code` (1008 policy violation by default). */
export class WebSocketException extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code = 1008, reason = "") {
    super(reason || `WebSocket closed with code ${code}`);
    this.name = "WebSocketException";
    this.code = code;
    this.reason = reason;
  }
}

export type WebSocketState = "connecting" | "connected" | "disconnected";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * One WebSocket session, as a route handler sees it: accept, then send and receive text,
 * bytes or JSON, or iterate over messages; a disconnect surfaces as `WebSocketDisconnect`.
 */
export class WebSocket {
  /** Phantom type so `params: { ws: WebSocket }` injects the session. */
  declare static readonly "~output"?: { readonly type: WebSocket };

  readonly scope: WebSocketScope;
  /** Headers, query, cookies and path params of the handshake. */
  readonly request: Request;
  readonly #receive: Receive;
  readonly #send: Send;
  #state: WebSocketState = "connecting";
  #connected = false;

  constructor(scope: WebSocketScope, receive: Receive, send: Send, request?: Request) {
    this.scope = scope;
    this.#receive = receive;
    this.#send = send;
    this.request = request ?? new Request(scope, receive);
  }

  get state(): WebSocketState {
    return this.#state;
  }

  /** Subprotocols the client offered, in its order of preference. */
  get subprotocols(): readonly string[] {
    return this.scope.subprotocols;
  }

  async accept(options: { subprotocol?: string; headers?: HeaderPairs } = {}): Promise<void> {
    if (this.#state !== "connecting")
      throw new Error(`Cannot accept a WebSocket that is ${this.#state}`);
    await this.#awaitConnect();
    await this.#send({
      type: "websocket.accept",
      subprotocol: options.subprotocol ?? null,
      headers: options.headers ?? [],
    });
    this.#state = "connected";
  }

  /** The next raw message; a disconnect marks the socket closed and is returned, not thrown. */
  async receive(): Promise<ReceiveMessage> {
    if (this.#state === "disconnected") throw new WebSocketDisconnect(1006, "already disconnected");
    await this.#awaitConnect();
    const message = await this.#receive();
    if (message.type === "websocket.disconnect") this.#state = "disconnected";
    return message;
  }

  async receiveText(): Promise<string> {
    const message = await this.#data();
    return message.text ?? decoder.decode(message.bytes);
  }

  async receiveBytes(): Promise<Uint8Array> {
    const message = await this.#data();
    return message.bytes ?? encoder.encode(message.text);
  }

  async receiveJson<T = unknown>(): Promise<T> {
    return JSON.parse(await this.receiveText()) as T;
  }

  async sendText(text: string): Promise<void> {
    await this.#out({ type: "websocket.send", text });
  }

  async sendBytes(bytes: Uint8Array): Promise<void> {
    await this.#out({ type: "websocket.send", bytes });
  }

  async sendJson(data: unknown, options: { binary?: boolean } = {}): Promise<void> {
    const text = JSON.stringify(data);
    await (options.binary ? this.sendBytes(encoder.encode(text)) : this.sendText(text));
  }

  /** Closes (or, before accept, refuses the handshake with 403). */
  async close(code = 1000, reason = ""): Promise<void> {
    if (this.#state === "disconnected") return;
    await this.#awaitConnect();
    this.#state = "disconnected";
    await this.#send({ type: "websocket.close", code, reason });
  }

  /** Text or bytes of each message until the client disconnects (the loop then just ends). */
  async *[Symbol.asyncIterator](): AsyncIterator<string | Uint8Array> {
    for (;;) {
      const message = await this.receive();
      if (message.type === "websocket.disconnect") return;
      if (message.type !== "websocket.receive") continue;
      yield message.text ?? message.bytes ?? new Uint8Array(0);
    }
  }

  async #awaitConnect(): Promise<void> {
    if (this.#connected) return;
    const first = await this.#receive();
    if (first.type === "websocket.disconnect") {
      this.#state = "disconnected";
      throw new WebSocketDisconnect(first.code, first.reason ?? "");
    }
    if (first.type !== "websocket.connect")
      throw new Error(`Expected websocket.connect, got ${first.type}`);
    this.#connected = true;
  }

  async #data(): Promise<{ text?: string; bytes?: Uint8Array }> {
    if (this.#state !== "connected") throw new Error("Call accept() before receiving messages");
    for (;;) {
      const message = await this.receive();
      if (message.type === "websocket.disconnect")
        throw new WebSocketDisconnect(message.code, message.reason ?? "");
      if (message.type === "websocket.receive") return message;
    }
  }

  async #out(message: {
    type: "websocket.send";
    text?: string;
    bytes?: Uint8Array;
  }): Promise<void> {
    if (this.#state !== "connected") throw new Error("Call accept() before sending messages");
    try {
      await this.#send(message);
    } catch (error) {
      this.#state = "disconnected";
      throw new WebSocketDisconnect(
        1006,
        error instanceof Error ? error.message : "connection lost",
      );
    }
  }
}
