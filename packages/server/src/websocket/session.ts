/**
 * One WebSocket connection on the Node host, seen from the app: the `receive`/`send` pair
 * that maps websocket.* messages onto a `ws` socket, from the HTTP upgrade to the close.
 */
import type { Duplex } from "node:stream";
import type { RawData, WebSocket } from "ws";
import type { Logger } from "../logger";
import type { ReceiveMessage, SendMessage, ServerApp, WebSocketScope } from "../types";
import { ClientDisconnected, WebSocketProtocolError } from "./errors";
import { MessageQueue } from "./message-queue";
import {
  type AcceptDecision,
  checkAccept,
  checkClose,
  checkSend,
  closeCodeForReceiveError,
} from "./protocol";
import { UpgradeWatch } from "./upgrade-watch";

/**
 * connecting: the app has not decided yet · handshaking: accepted, `ws` is writing the 101 ·
 * open · closing: a close frame went out (from the app or the shutdown), waiting for the peer ·
 * closed: the socket is gone and the app has (or will get) `websocket.disconnect`.
 */
type Phase = "connecting" | "handshaking" | "open" | "closing" | "closed";

/** How the host answers the upgrade: `ws`'s `verifyClient` callback. */
export type HandshakeDecision = (accept: boolean, status?: number, message?: string) => void;

export interface SessionOptions {
  app: ServerApp;
  scope: WebSocketScope;
  socket: Duplex;
  decide: HandshakeDecision;
  logger: Logger;
  /** Called once the app call has ended and the socket is closed. */
  onSettled: (session: WebSocketSession) => void;
}

const SHUTDOWN = { code: 1001, reason: "server shutting down" } as const;

export class WebSocketSession {
  readonly scope: WebSocketScope;
  /** Set by every pong; the keepalive drops a peer that left it false for a whole interval. */
  alive = true;
  /** Resolves when the app call has ended (it never rejects: app errors are logged). */
  readonly finished: Promise<void>;

  #phase: Phase = "connecting";
  #ws: WebSocket | undefined;
  #accepted: AcceptDecision | undefined;
  #decide: HandshakeDecision | undefined;
  #handshake: Promise<void> | undefined;
  #handshakeDone: (() => void) | undefined;
  #closedByApp = false;
  #closeOnAttach: { code: number; reason: string } | undefined;
  #receiveErrorCode: number | undefined;
  #appEnded = false;
  #settled = false;
  readonly #queue: MessageQueue<ReceiveMessage>;
  readonly #watch: UpgradeWatch;
  readonly #options: SessionOptions;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.scope = options.scope;
    this.#decide = options.decide;
    this.#queue = new MessageQueue<ReceiveMessage>({
      onPause: () => this.#ws?.pause(),
      onResume: () => this.#ws?.resume(),
    });
    this.#queue.push({ type: "websocket.connect" });
    this.#watch = new UpgradeWatch(options.socket, this.#onSocketClose);
    this.finished = this.#run();
  }

  /** What the app accepted with, for the 101 response (`undefined` until it accepted). */
  get accepted(): AcceptDecision | undefined {
    return this.#accepted;
  }

  receive = (): Promise<ReceiveMessage> => this.#queue.shift();

  send = async (message: SendMessage): Promise<void> => {
    switch (message.type) {
      case "websocket.accept":
        return this.#sendAccept(checkAccept(message, this.scope.subprotocols));
      case "websocket.send":
        return this.#sendFrame(checkSend(message));
      case "websocket.close":
        return this.#sendClose(checkClose(message));
      default:
        throw new WebSocketProtocolError(
          `unexpected message "${(message as { type: unknown }).type}" on a websocket connection`,
        );
    }
  };

  /** `ws` finished the 101 handshake: from here frames flow. */
  attach(ws: WebSocket): void {
    if (this.#phase !== "handshaking") {
      ws.terminate();
      return;
    }
    this.#ws = ws;
    this.#phase = "open";
    ws.on("message", this.#onMessage);
    ws.on("pong", this.#onPong);
    ws.on("error", this.#onError);
    ws.once("close", this.#onClose);
    this.#handshakeDone?.();
    const pending = this.#closeOnAttach;
    if (pending !== undefined) this.#closeFrame(pending.code, pending.reason);
  }

  /** One keepalive tick: ping, or drop the peer that never answered the last ping. */
  heartbeat(): void {
    if (this.#phase !== "open" || this.#ws === undefined) return;
    if (!this.alive) {
      this.#ws.terminate(); // the app then gets websocket.disconnect 1006
      return;
    }
    this.alive = false;
    this.#ws.ping();
  }

  /** Graceful stop: refuse an undecided handshake, close an open socket with 1001. */
  shutdown(): void {
    switch (this.#phase) {
      case "connecting":
        this.#phase = "closed";
        this.#answerHandshake(false, 503, "Server shutting down");
        this.#queue.end({ type: "websocket.disconnect", code: SHUTDOWN.code });
        this.#maybeSettle();
        return;
      case "handshaking":
        this.#closeOnAttach = SHUTDOWN;
        return;
      case "open":
        this.#closeFrame(SHUTDOWN.code, SHUTDOWN.reason);
        return;
      default:
        return;
    }
  }

  /** Shutdown deadline passed: drop the connection without a close handshake. */
  terminate(): void {
    if (this.#ws !== undefined) this.#ws.terminate();
    else this.#options.socket.destroy();
  }

  async #run(): Promise<void> {
    const { app, scope, logger } = this.#options;
    let failed = false;
    try {
      await app(scope, this.receive, this.send);
    } catch (error) {
      failed = true;
      logger.error(`WebSocket app raised on ${scope.root_path}${scope.path}`, error);
    }
    this.#appEnded = true;
    // A finished app leaves nothing to talk to: reject an undecided handshake, close a socket.
    const code = failed ? 1011 : 1000;
    if (this.#phase === "connecting") {
      this.#phase = "closed";
      this.#answerHandshake(false, 403);
      this.#queue.end({ type: "websocket.disconnect", code: 1006 });
    } else if (this.#phase === "handshaking") {
      this.#closeOnAttach ??= { code, reason: "" };
    } else if (this.#phase === "open") {
      this.#closeFrame(code, "");
    }
    this.#maybeSettle();
  }

  #sendAccept(decision: AcceptDecision): Promise<void> {
    if (this.#phase === "closed") throw new ClientDisconnected();
    if (this.#phase !== "connecting") {
      throw new WebSocketProtocolError("websocket.accept sent twice");
    }
    this.#accepted = decision;
    this.#phase = "handshaking";
    this.#handshake = new Promise<void>((resolve) => {
      this.#handshakeDone = resolve;
    });
    this.#answerHandshake(true);
    return this.#handshake;
  }

  async #sendFrame(data: string | Uint8Array): Promise<void> {
    if (this.#phase === "connecting") {
      throw new WebSocketProtocolError("websocket.send before websocket.accept");
    }
    // An app that did not await its accept still gets its frames sent after the 101.
    if (this.#phase === "handshaking") await this.#handshake;
    if (this.#closedByApp) {
      throw new WebSocketProtocolError("websocket.send after websocket.close");
    }
    const ws = this.#ws;
    if (this.#phase !== "open" || ws === undefined) throw new ClientDisconnected();
    // Resolve only once `ws` has handed the frame to the socket: a slow peer slows the app.
    await new Promise<void>((resolve, reject) => {
      ws.send(data, { binary: typeof data !== "string" }, (error) => {
        if (error) reject(new ClientDisconnected());
        else resolve();
      });
    });
  }

  async #sendClose(frame: { code: number; reason: string }): Promise<void> {
    switch (this.#phase) {
      case "connecting":
        this.#phase = "closed";
        this.#closedByApp = true;
        this.#answerHandshake(false, 403);
        this.#queue.end({ type: "websocket.disconnect", code: 1006 });
        return;
      case "handshaking":
        this.#closedByApp = true;
        this.#closeOnAttach = frame;
        return;
      case "open":
        this.#closedByApp = true;
        this.#closeFrame(frame.code, frame.reason);
        return;
      default:
        return; // closing twice, or after the peer left: nothing more to say
    }
  }

  #closeFrame(code: number, reason: string): void {
    this.#phase = "closing";
    this.#ws?.close(code, reason);
  }

  #answerHandshake(accept: boolean, status?: number, message?: string): void {
    const decide = this.#decide;
    this.#decide = undefined;
    if (decide === undefined) return;
    if (accept) this.#watch.release();
    decide(accept, status, message);
  }

  #onMessage = (data: RawData, isBinary: boolean): void => {
    // binaryType is "nodebuffer", so data is a Buffer (a Uint8Array).
    const buffer = data as Buffer;
    this.#queue.push(
      isBinary
        ? { type: "websocket.receive", bytes: buffer }
        : { type: "websocket.receive", text: buffer.toString("utf8") },
    );
  };

  #onPong = (): void => {
    this.alive = true;
  };

  #onError = (error: Error & { code?: unknown }): void => {
    // `ws` already sent the peer a close frame with this code; the app should see it too.
    this.#receiveErrorCode = closeCodeForReceiveError(error.code);
  };

  #onClose = (code: number, reason: Buffer): void => {
    this.#phase = "closed";
    this.#queue.end({
      type: "websocket.disconnect",
      code: this.#receiveErrorCode ?? code,
      reason: reason.toString("utf8"),
    });
    this.#maybeSettle();
  };

  /** The raw socket closed; only matters before `ws` owns it (after, `#onClose` reports). */
  #onSocketClose = (): void => {
    if (this.#ws !== undefined) return;
    if (this.#phase !== "closed") {
      this.#phase = "closed";
      this.#queue.end({ type: "websocket.disconnect", code: 1006 });
    }
    this.#decide = undefined;
    this.#handshakeDone?.();
    this.#maybeSettle();
  };

  #maybeSettle(): void {
    if (this.#settled || !this.#appEnded || this.#phase !== "closed") return;
    this.#settled = true;
    this.#options.onSettled(this);
  }
}
