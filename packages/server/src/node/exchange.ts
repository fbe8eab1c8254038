import type { HTTPDisconnectMessage, HTTPScope, Receive, ReceiveMessage } from "../types";
import type { ServerContext } from "./context";
import { httpScope, type RequestFacts } from "./http-scope";
import type { ExchangeRequest, ExchangeResponse } from "./node-messages";
import { EMPTY, RES_COMPLETE, RES_NONE, RES_STREAMING, ResponseWriter } from "./response-writer";
import { endIdle } from "./socket-state";

// Request body: nothing asked yet, being read, fully delivered (or given up on).
const BODY_UNREAD = 0;
const BODY_READING = 1;
const BODY_DONE = 2;

function disconnect(): HTTPDisconnectMessage {
  return { type: "http.disconnect" };
}

/**
 * One request/response over a Node socket, seen by the app as `receive`/`send` (the sending
 * half lives in ResponseWriter). The body is pulled from the socket only when the app calls
 * `receive()`; what Node has not handed over stays in the kernel, so an unread body costs
 * nothing and a slow consumer slows the client down.
 */
export class HttpExchange extends ResponseWriter implements RequestFacts {
  contentLength = -1;
  chunked = false;
  hostLines = 0;
  /** The client sent `Expect: 100-continue`; `100 Continue` goes out on the first receive(). */
  expectContinue = false;
  readonly scope: HTTPScope;
  readonly receive: Receive = () => this.#receive();
  readonly #startedAt: number;
  #body = BODY_UNREAD;
  #bodyBytes = 0;
  #bodyWaiter: ((message: ReceiveMessage) => void) | null = null;
  #disconnectWaiters: Array<(message: ReceiveMessage) => void> | null = null;

  constructor(req: ExchangeRequest, res: ExchangeResponse, ctx: ServerContext) {
    super(req, res, ctx);
    this.#startedAt = ctx.accessLog ? performance.now() : 0;
    this.scope = httpScope(req, ctx, this);
    req.exchange = this;
    res.exchange = this;
    res.on("close", onResponseClose);
    this.connection.pending++;
  }

  /** Calls the app and answers for it if it fails; never rejects. */
  async run(): Promise<void> {
    const ctx = this.ctx;
    ctx.appStarted();
    try {
      await ctx.app(this.scope, this.receive, this.send);
      this.#appReturned();
    } catch (error) {
      this.#appFailed(error);
    } finally {
      ctx.appFinished();
    }
  }

  /** Answers without calling the app (a limit was hit) and closes the connection. */
  reject(status: number, detail?: string): void {
    this.#body = BODY_DONE;
    this.respondError(status, detail);
  }

  // ---- receive ---------------------------------------------------------------------

  #receive(): Promise<ReceiveMessage> {
    if (this.disconnected) return Promise.resolve(disconnect());
    if (this.#body === BODY_DONE) {
      if (this.response === RES_COMPLETE) return Promise.resolve(disconnect());
      return new Promise((resolve) => {
        if (this.#disconnectWaiters === null) this.#disconnectWaiters = [];
        this.#disconnectWaiters.push(resolve);
      });
    }
    if (this.#bodyWaiter !== null) {
      return Promise.reject(new Error("receive() called while a previous receive() is pending"));
    }
    if (this.#body === BODY_UNREAD) {
      this.#body = BODY_READING;
      if (this.expectContinue) this.res.writeContinue();
    }
    const message = this.#readBody();
    if (message !== null) return Promise.resolve(message);
    if (this.req.listenerCount("readable") === 0) this.req.on("readable", onRequestReadable);
    return new Promise((resolve) => {
      this.#bodyWaiter = resolve;
    });
  }

  /** The next body message from what Node has buffered, or null to wait for more. */
  #readBody(): ReceiveMessage | null {
    const req = this.req;
    if (req.complete && req.readableLength === 0) return this.#bodyEnd();
    const chunk: Buffer | null = req.read();
    if (chunk === null) return req.readableEnded ? this.#bodyEnd() : null;
    this.#bodyBytes += chunk.length;
    if (this.#bodyBytes > this.ctx.maxBodySize) return this.#bodyTooLarge();
    const last = req.complete && req.readableLength === 0;
    if (last) this.#body = BODY_DONE;
    return { type: "http.request", body: chunk, more_body: !last };
  }

  #bodyEnd(): ReceiveMessage {
    this.#body = BODY_DONE;
    return { type: "http.request", body: EMPTY, more_body: false };
  }

  /** The streamed body crossed maxBodySize: 413 (or a cut connection), and stop reading. */
  #bodyTooLarge(): ReceiveMessage {
    this.#body = BODY_DONE;
    this.req.removeListener("readable", onRequestReadable);
    if (this.response < RES_STREAMING) this.respondError(413);
    else this.cut();
    this.markDisconnected();
    return disconnect();
  }

  /** @internal 'readable' on the request: hand a waiting receive() its chunk. */
  onReadable(): void {
    const wake = this.#bodyWaiter;
    if (wake === null) return;
    const message = this.#readBody();
    if (message === null) return;
    this.#bodyWaiter = null;
    wake(message);
  }

  /** @internal Body bytes thrown away after the response; too many → drop the connection. */
  onDiscarded(bytes: number): void {
    this.#bodyBytes += bytes;
    if (this.#bodyBytes > this.ctx.maxBodySize) this.req.socket.destroy();
  }

  protected clientMaySendBody(): boolean {
    return this.expectContinue && this.#body === BODY_UNREAD;
  }

  /**
   * The response is done but the body is still arriving: read and drop it (up to
   * maxBodySize in all) so the keep-alive connection can serve its next request.
   * (Node's own fallback would drain any amount.)
   */
  protected beforeEnd(): void {
    const req = this.req;
    if (req.complete || this.#body === BODY_DONE) return;
    this.#body = BODY_DONE;
    req.removeListener("readable", onRequestReadable);
    const wake = this.#bodyWaiter;
    this.#bodyWaiter = null;
    wake?.(disconnect());
    req.on("data", onDiscardData);
    req.resume();
  }

  // ---- app outcome -----------------------------------------------------------------

  #appReturned(): void {
    if (this.disconnected || this.response === RES_COMPLETE) return;
    const what = this.response === RES_NONE ? "a response" : "the complete response body";
    this.#appFailed(new Error(`The app returned without sending ${what}`));
  }

  #appFailed(error: unknown): void {
    const req = this.req;
    this.ctx.logger.error(`Exception in the app while handling "${req.method} ${req.url}"`, error);
    if (this.disconnected) return;
    if (this.response < RES_STREAMING) this.respondInternalError();
    else if (this.response === RES_STREAMING) this.cut(); // a half-sent response can only be cut
  }

  // ---- connection events -------------------------------------------------------------

  /** @internal 'close' on the response: finished normally, or the connection went away. */
  onClose(): void {
    const socket = this.req.socket;
    const connection = this.connection;
    connection.pending--;
    connection.readMark = socket.bytesRead;
    // A closing server lets a connection go as soon as its last request is answered.
    if (this.ctx.closing) endIdle(socket);
    if (!this.res.writableFinished) this.markDisconnected();
    else {
      this.response = RES_COMPLETE;
      this.#wakeDisconnectWaiters();
    }
    this.onDrain();
    if (this.ctx.accessLog) this.#logAccess();
  }

  protected markDisconnected(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    const wake = this.#bodyWaiter;
    this.#bodyWaiter = null;
    wake?.(disconnect());
    this.#wakeDisconnectWaiters();
    this.onDrain();
  }

  #wakeDisconnectWaiters(): void {
    const waiters = this.#disconnectWaiters;
    if (waiters === null) return;
    this.#disconnectWaiters = null;
    for (const wake of waiters) wake(disconnect());
  }

  #logAccess(): void {
    const { req, res } = this;
    const client = this.scope.client;
    const peer = client === null ? "-" : `${client[0]}:${client[1]}`;
    const status = res.headersSent ? String(res.statusCode) : "-";
    const ms = (performance.now() - this.#startedAt).toFixed(1);
    this.ctx.logger.info(
      `${peer} - "${req.method} ${req.url} HTTP/${req.httpVersion}" ${status} ${ms}ms`,
    );
  }
}

// Shared listeners: `this` is the Node object, which points at its exchange.
function onResponseClose(this: ExchangeResponse): void {
  this.exchange?.onClose();
}
function onRequestReadable(this: ExchangeRequest): void {
  this.exchange?.onReadable();
}
function onDiscardData(this: ExchangeRequest, chunk: Buffer): void {
  this.exchange?.onDiscarded(chunk.length);
}
