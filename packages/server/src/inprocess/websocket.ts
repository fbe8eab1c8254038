/**
 * A WebSocket between a test and an app, without sockets. The app side follows the Node
 * host's rules (same checks, same close codes: 1000 when the app returns, 1011 when it throws,
 * 1009 past the message size); the test side is a small client.
 */
import { consoleLogger, type Logger } from "../logger";
import { DEFAULT_LIMITS } from "../node/options";
import type { Headers, ReceiveMessage, SendMessage, ServerApp, WebSocketScope } from "../types";
import { ClientDisconnected, WebSocketProtocolError } from "../websocket/errors";
import { MessageQueue } from "../websocket/message-queue";
import {
  type AcceptDecision,
  checkAccept,
  checkClose,
  checkSend,
  isValidCloseCode,
  parseSubprotocols,
} from "../websocket/protocol";
import { WebSocketClosed, WebSocketRejected } from "./errors";
import { type ConnectionOptions, connectionScope, hasHeader, normalizeHeaders } from "./request";

export interface WebSocketConnectOptions extends ConnectionOptions {
  /** Offered in `Sec-WebSocket-Protocol`, in this order. */
  subprotocols?: string[];
  /** `"ws"` (default) or `"wss"`. */
  scheme?: "ws" | "wss";
  /** Largest message the app accepts, as the Node host's limit (1009 past it). Default 1 MiB. */
  maxMessageSize?: number;
  /** Where app errors are logged. Default: the console, errors only. */
  logger?: Logger;
  /** Reject/throw with the app's own error (from connect or close) instead of only logging it. */
  raiseAppErrors?: boolean;
}

/** What the app sent: a frame, or its close (which also ends the session). */
export type WebSocketEvent =
  | { type: "websocket.send"; text: string; bytes?: undefined }
  | { type: "websocket.send"; bytes: Uint8Array; text?: undefined }
  | { type: "websocket.close"; code: number; reason: string };

export interface InProcessWebSocket {
  /** The app's accept: chosen subprotocol and extra headers. */
  readonly accepted: AcceptDecision;
  sendText(text: string): Promise<void>;
  sendBytes(bytes: Uint8Array): Promise<void>;
  /** `JSON.stringify(value)` as a text frame. */
  sendJson(value: unknown): Promise<void>;
  /** The next frame from the app, or its close (repeated on every later call). */
  receive(): Promise<WebSocketEvent>;
  /** Throws `WebSocketClosed` on a close, a TypeError on a binary frame. */
  receiveText(): Promise<string>;
  receiveBytes(): Promise<Uint8Array>;
  receiveJson<T = unknown>(): Promise<T>;
  /** Closes from the client side (default 1000) and waits for the app call to return. */
  close(code?: number, reason?: string): Promise<void>;
  /** Settles when the app call has returned. */
  readonly finished: Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

type Phase = "connecting" | "open" | "closed";

/** Opens a WebSocket to the app; resolves on its accept, rejects with `WebSocketRejected`. */
export async function websocketConnect(
  app: ServerApp,
  options: WebSocketConnectOptions,
): Promise<InProcessWebSocket> {
  const headers = normalizeHeaders(options.headers);
  const subprotocols = options.subprotocols ?? [];
  // What a browser or `ws` sends with every upgrade, unless the test set its own.
  const handshake: Headers = [
    ["connection", "Upgrade"],
    ["upgrade", "websocket"],
    ["sec-websocket-version", "13"],
    ["sec-websocket-key", "dGVzdGNsaWVudGtleTAwMA=="],
  ];
  if (subprotocols.length > 0) handshake.push(["sec-websocket-protocol", subprotocols.join(", ")]);
  for (const pair of handshake) if (!hasHeader(headers, pair[0])) headers.push(pair);
  const scheme = options.scheme ?? "ws";
  const scope: WebSocketScope = {
    ...connectionScope(options, headers, scheme === "wss"),
    type: "websocket",
    scheme,
    subprotocols: parseSubprotocols(subprotocols.join(",")),
  };
  return new Connection(app, scope, options).opened;
}

class Connection implements InProcessWebSocket {
  readonly opened: Promise<InProcessWebSocket>;
  readonly finished: Promise<void>;
  accepted: AcceptDecision = { subprotocol: null, headers: [] };
  #phase: Phase = "connecting";
  #closedByApp = false;
  #close: { code: number; reason: string } | undefined;
  #appError: unknown;
  #settle!: { resolve(ws: InProcessWebSocket): void; reject(error: unknown): void };
  #resumeWriters: Array<() => void> = [];
  #appPaused = false;
  readonly #toApp: MessageQueue<ReceiveMessage>;
  readonly #toClient = new MessageQueue<WebSocketEvent>({ highWater: Number.MAX_SAFE_INTEGER });
  readonly #scope: WebSocketScope;
  readonly #logger: Logger;
  readonly #raise: boolean;
  readonly #maxMessageSize: number;

  constructor(app: ServerApp, scope: WebSocketScope, options: WebSocketConnectOptions) {
    this.#scope = scope;
    this.#logger = options.logger ?? consoleLogger("error");
    this.#raise = options.raiseAppErrors === true;
    this.#maxMessageSize = options.maxMessageSize ?? DEFAULT_LIMITS.maxWebSocketMessageSize;
    // The test's sends wait while the app has this many unread messages, as a paused socket would.
    this.#toApp = new MessageQueue<ReceiveMessage>({
      onPause: () => {
        this.#appPaused = true;
      },
      onResume: () => {
        this.#appPaused = false;
        for (const wake of this.#resumeWriters.splice(0)) wake();
      },
    });
    this.#toApp.push({ type: "websocket.connect" });
    this.opened = new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.finished = Promise.resolve()
      .then(() => app(scope, this.#receive, this.#send))
      .then(
        () => this.#appEnded(undefined, false),
        (error: unknown) => this.#appEnded(error, true),
      );
  }

  // ---- the app's side ------------------------------------------------------------------

  #receive = (): Promise<ReceiveMessage> => this.#toApp.shift();

  #send = async (message: SendMessage): Promise<void> => {
    switch (message.type) {
      case "websocket.accept": {
        const decision = checkAccept(message, this.#scope.subprotocols);
        if (this.#phase === "closed") throw new ClientDisconnected();
        if (this.#phase !== "connecting")
          throw new WebSocketProtocolError("websocket.accept sent twice");
        this.#phase = "open";
        this.accepted = decision;
        this.#settle.resolve(this);
        return;
      }
      case "websocket.send": {
        const data = checkSend(message);
        if (this.#phase === "connecting") {
          throw new WebSocketProtocolError("websocket.send before websocket.accept");
        }
        if (this.#closedByApp)
          throw new WebSocketProtocolError("websocket.send after websocket.close");
        if (this.#phase === "closed") throw new ClientDisconnected();
        this.#toClient.push(
          typeof data === "string"
            ? { type: "websocket.send", text: data }
            : { type: "websocket.send", bytes: data },
        );
        return;
      }
      case "websocket.close": {
        const frame = checkClose(message);
        if (this.#phase === "connecting") {
          this.#phase = "closed";
          this.#closedByApp = true;
          this.#toApp.end({ type: "websocket.disconnect", code: 1006 });
          this.#settle.reject(new WebSocketRejected(frame.code, frame.reason));
          return;
        }
        if (this.#phase === "open") {
          this.#closedByApp = true;
          this.#closeBoth(frame.code, frame.reason);
        }
        return; // closing twice, or after the client left: nothing more to say
      }
      default:
        throw new WebSocketProtocolError(
          `unexpected message "${(message as { type: unknown }).type}" on a websocket connection`,
        );
    }
  };

  #appEnded(error: unknown, failed: boolean): void {
    if (failed) {
      this.#appError = error;
      if (!this.#raise) {
        this.#logger.error(
          `WebSocket app raised on ${this.#scope.root_path}${this.#scope.path}`,
          error,
        );
      }
    }
    if (this.#phase === "connecting") {
      this.#phase = "closed";
      this.#toApp.end({ type: "websocket.disconnect", code: 1006 });
      this.#settle.reject(
        failed && this.#raise
          ? error
          : new WebSocketRejected(null, "", failed ? { cause: error } : undefined),
      );
    } else if (this.#phase === "open") {
      this.#closeBoth(failed ? 1011 : 1000, "");
    }
  }

  /** Either side closed: the client sees the close, the app the echo of it, both after what is queued. */
  #closeBoth(code: number, reason: string): void {
    this.#phase = "closed";
    this.#close = { code, reason };
    this.#toClient.end({ type: "websocket.close", code, reason });
    this.#toApp.end({ type: "websocket.disconnect", code, reason });
    for (const wake of this.#resumeWriters.splice(0)) wake();
  }

  // ---- the test's side -----------------------------------------------------------------

  sendText(text: string): Promise<void> {
    if (typeof text !== "string") throw new TypeError("sendText needs a string");
    return this.#deliver({ type: "websocket.receive", text }, Buffer.byteLength(text));
  }

  sendBytes(bytes: Uint8Array): Promise<void> {
    if (!(bytes instanceof Uint8Array)) throw new TypeError("sendBytes needs a Uint8Array");
    return this.#deliver({ type: "websocket.receive", bytes }, bytes.length);
  }

  sendJson(value: unknown): Promise<void> {
    return this.sendText(JSON.stringify(value));
  }

  async #deliver(message: ReceiveMessage, size: number): Promise<void> {
    const close = this.#close;
    if (close !== undefined) throw new WebSocketClosed(close.code, close.reason);
    if (size > this.#maxMessageSize) {
      this.#closeBoth(1009, ""); // what `ws` does past maxPayload on the Node host
      return;
    }
    this.#toApp.push(message);
    if (this.#appPaused) await new Promise<void>((resolve) => this.#resumeWriters.push(resolve));
  }

  receive(): Promise<WebSocketEvent> {
    return this.#toClient.shift();
  }

  async receiveText(): Promise<string> {
    const event = expectFrame(await this.receive());
    if (event.text === undefined) throw new TypeError("expected a text frame, got a binary one");
    return event.text;
  }

  async receiveBytes(): Promise<Uint8Array> {
    const event = expectFrame(await this.receive());
    if (event.bytes === undefined) throw new TypeError("expected a binary frame, got a text one");
    return event.bytes;
  }

  async receiveJson<T = unknown>(): Promise<T> {
    const event = expectFrame(await this.receive());
    const text = event.text ?? Buffer.from(event.bytes as Uint8Array).toString("utf8");
    return JSON.parse(text) as T;
  }

  async close(code = 1000, reason = ""): Promise<void> {
    if (this.#close === undefined) {
      if (!isValidCloseCode(code)) throw new RangeError(`${code} is not a valid close code`);
      this.#closeBoth(code, reason);
    }
    await this.finished;
    if (this.#raise && this.#appError !== undefined) throw this.#appError;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function expectFrame(event: WebSocketEvent): Extract<WebSocketEvent, { type: "websocket.send" }> {
  if (event.type === "websocket.close") throw new WebSocketClosed(event.code, event.reason);
  return event;
}
