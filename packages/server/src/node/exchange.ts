import type {
  Headers,
  HTTPDisconnectMessage,
  HTTPResponseBodyMessage,
  HTTPResponseStartMessage,
  HTTPScope,
  Receive,
  ReceiveMessage,
  Send,
  SendMessage,
} from "../types";
import type { ServerContext } from "./context";
import { httpScope, type RequestFacts } from "./http-scope";
import type { ExchangeRequest, ExchangeResponse } from "./node-messages";
import { INTERNAL_ERROR, jsonError } from "./raw-response";
import { checkResponseHead, InvalidResponseError, statusHasNoBody } from "./response-head";
import { endIdle, PENDING, READ_MARK, type TrackedSocket } from "./socket-state";

const EMPTY = new Uint8Array(0);
const RESOLVED = Promise.resolve();

// Request body: nothing asked yet, being read, fully delivered (or given up on).
const BODY_UNREAD = 0;
const BODY_READING = 1;
const BODY_DONE = 2;
// Response: nothing sent, start stored (head not written yet), head written, finished.
const RES_NONE = 0;
const RES_START = 1;
const RES_STREAMING = 2;
const RES_COMPLETE = 3;

function disconnect(): HTTPDisconnectMessage {
  return { type: "http.disconnect" };
}

/**
 * One request/response over a Node socket, seen by the app as `receive`/`send`.
 * The body is pulled from the socket only when the app calls `receive()`; the response head
 * is held back until the first body message so a single-message response goes out as one
 * `res.end(body)` with a Content-Length.
 */
export class HttpExchange implements RequestFacts {
  contentLength = -1;
  chunked = false;
  /** The client sent `Expect: 100-continue`; `100 Continue` goes out on the first receive(). */
  expectContinue = false;
  /** The client is gone (or the server gave up on it): sends are no-ops from now on. */
  disconnected = false;
  readonly scope: HTTPScope;
  readonly receive: Receive = () => this.#receive();
  readonly send: Send = (message) => this.#send(message);
  readonly #req: ExchangeRequest;
  readonly #res: ExchangeResponse;
  readonly #ctx: ServerContext;
  readonly #startedAt: number;
  #body = BODY_UNREAD;
  #bodyBytes = 0;
  #bodyWaiter: ((message: ReceiveMessage) => void) | null = null;
  #disconnectWaiters: Array<(message: ReceiveMessage) => void> | null = null;
  #response = RES_NONE;
  #status = 0;
  #headers: Headers | undefined = undefined;
  #declaredLength = -1;
  #bodyless = false;
  #sent = 0;
  #drainWaiter: (() => void) | null = null;

  constructor(req: ExchangeRequest, res: ExchangeResponse, ctx: ServerContext) {
    this.#req = req;
    this.#res = res;
    this.#ctx = ctx;
    this.#startedAt = ctx.accessLog ? performance.now() : 0;
    this.scope = httpScope(req, ctx.rootPath, ctx.state, ctx.scheme, this);
    req.exchange = this;
    res.exchange = this;
    res.on("close", onResponseClose);
    const socket: TrackedSocket = req.socket;
    socket[PENDING] = (socket[PENDING] ?? 0) + 1;
  }

  /** Calls the app and answers for it if it fails; never rejects. */
  async run(): Promise<void> {
    const ctx = this.#ctx;
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
    this.#respondError(status, detail);
  }

  // ---- receive ---------------------------------------------------------------------

  #receive(): Promise<ReceiveMessage> {
    if (this.disconnected) return Promise.resolve(disconnect());
    if (this.#body === BODY_DONE) {
      if (this.#response === RES_COMPLETE) return Promise.resolve(disconnect());
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
      if (this.expectContinue) this.#res.writeContinue();
    }
    const message = this.#readBody();
    if (message !== null) return Promise.resolve(message);
    if (this.#req.listenerCount("readable") === 0) this.#req.on("readable", onRequestReadable);
    return new Promise((resolve) => {
      this.#bodyWaiter = resolve;
    });
  }

  /** The next body message from what Node has buffered, or null to wait for more. */
  #readBody(): ReceiveMessage | null {
    const req = this.#req;
    if (req.complete && req.readableLength === 0) return this.#bodyEnd();
    const chunk: Buffer | null = req.read();
    if (chunk === null) return req.readableEnded ? this.#bodyEnd() : null;
    this.#bodyBytes += chunk.length;
    if (this.#bodyBytes > this.#ctx.maxBodySize) return this.#bodyTooLarge();
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
    this.#req.removeListener("readable", onRequestReadable);
    if (this.#response < RES_STREAMING) this.#respondError(413);
    else this.#cut();
    this.#markDisconnected();
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

  /** @internal Counts body bytes thrown away after the response; too many → drop the connection. */
  onDiscarded(bytes: number): void {
    this.#bodyBytes += bytes;
    if (this.#bodyBytes > this.#ctx.maxBodySize) this.#req.socket.destroy();
  }

  // ---- send ------------------------------------------------------------------------

  #send(message: SendMessage): Promise<void> {
    if (this.disconnected) return RESOLVED;
    try {
      const type = message.type;
      if (type === "http.response.body") return this.#sendBody(message);
      if (type === "http.response.start") {
        this.#start(message);
        return RESOLVED;
      }
      throw new TypeError(`Message type "${type}" is not valid on an http scope`);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #start(message: HTTPResponseStartMessage): void {
    if (this.#response !== RES_NONE) {
      throw new Error(
        this.#response === RES_COMPLETE
          ? "http.response.start sent after the response was complete"
          : "http.response.start sent twice",
      );
    }
    if (message.trailers === true)
      throw new InvalidResponseError("Response trailers are not supported");
    this.#declaredLength = checkResponseHead(message.status, message.headers);
    this.#status = message.status;
    this.#headers = message.headers;
    this.#bodyless = statusHasNoBody(message.status) || this.#req.method === "HEAD";
    this.#response = RES_START;
  }

  #sendBody(message: HTTPResponseBodyMessage): Promise<void> {
    const state = this.#response;
    if (state === RES_NONE) throw new Error("http.response.body sent before http.response.start");
    if (state === RES_COMPLETE)
      throw new Error("http.response.body sent after the final body message");
    const body = message.body ?? EMPTY;
    if (!(body instanceof Uint8Array))
      throw new TypeError("http.response.body: body must be a Uint8Array");
    const more = message.more_body === true;
    if (state === RES_START) {
      if (!more) return this.#sendWhole(body);
      this.#writeHead(this.#headers);
      this.#response = RES_STREAMING;
    }
    return this.#writeChunk(body, more);
  }

  /** The fast path: start + one final body → one `res.end(body)` with a Content-Length. */
  #sendWhole(body: Uint8Array): Promise<void> {
    let headers = this.#headers;
    const declared = this.#declaredLength;
    if (declared === -1) {
      // Bodyless statuses get no length; HEAD gets the length of the body it would have had.
      if (!this.#bodyless || (body.length > 0 && !statusHasNoBody(this.#status))) {
        headers = headers === undefined ? [] : headers.slice();
        headers.push(["content-length", String(body.length)]);
      }
    } else if (declared !== body.length && !this.#bodyless) {
      throw new InvalidResponseError(
        `Response body of ${body.length} bytes does not match Content-Length ${declared}`,
      );
    }
    this.#writeHead(headers);
    this.#finish(this.#bodyless ? EMPTY : body);
    return RESOLVED;
  }

  #writeChunk(body: Uint8Array, more: boolean): Promise<void> {
    const declared = this.#declaredLength;
    if (declared !== -1 && !this.#bodyless) {
      this.#sent += body.length;
      if (this.#sent > declared || (!more && this.#sent < declared)) {
        this.#cut(); // the head promised another length: cut rather than corrupt
        throw new InvalidResponseError(
          `Response body of ${this.#sent}${more ? "+" : ""} bytes does not match Content-Length ${declared}`,
        );
      }
    }
    if (!more) {
      this.#finish(body);
      return RESOLVED;
    }
    if (body.length === 0) {
      this.#res.flushHeaders(); // an empty first chunk still lets the client see the head
      return RESOLVED;
    }
    if (this.#res.write(body)) return RESOLVED;
    // Backpressure: the socket buffer is full; resume the app once it drained (or closed).
    if (this.#res.listenerCount("drain") === 0) this.#res.on("drain", onResponseDrain);
    return new Promise((resolve) => {
      this.#drainWaiter = resolve;
    });
  }

  #writeHead(headers: Headers | undefined): void {
    const res = this.#res;
    // A closing server ends the connection after its last queued request; a client may still
    // send a body after a skipped 100-continue.
    const socket: TrackedSocket = this.#req.socket;
    if (
      (this.#ctx.closing && (socket[PENDING] ?? 0) <= 1) ||
      (this.expectContinue && this.#body === BODY_UNREAD)
    ) {
      res.shouldKeepAlive = false;
    }
    if (headers === undefined) res.writeHead(this.#status);
    else res.writeHead(this.#status, headers as unknown as string[]);
  }

  #finish(body: Uint8Array): void {
    this.#response = RES_COMPLETE;
    if (!this.#req.complete && this.#body !== BODY_DONE) this.#discardBody();
    if (body.length === 0) this.#res.end();
    else this.#res.end(body);
  }

  /**
   * The response is done but the body is still arriving: read and drop it (up to
   * maxBodySize in all) so the keep-alive connection can serve its next request.
   */
  #discardBody(): void {
    const req = this.#req;
    this.#body = BODY_DONE;
    req.removeListener("readable", onRequestReadable);
    const wake = this.#bodyWaiter;
    this.#bodyWaiter = null;
    wake?.(disconnect());
    req.on("data", onDiscardData);
    req.resume();
  }

  #respondError(status: number, detail?: string): void {
    const { headers, body } = jsonError(status, detail);
    this.#status = status;
    this.#res.shouldKeepAlive = false; // the rest of the request is never read
    this.#writeHead(headers);
    this.#response = RES_COMPLETE;
    this.#res.end(body);
  }

  // ---- app outcome -----------------------------------------------------------------

  #appReturned(): void {
    if (this.disconnected || this.#response === RES_COMPLETE) return;
    const what = this.#response === RES_NONE ? "a response" : "the complete response body";
    this.#appFailed(new Error(`The app returned without sending ${what}`));
  }

  #appFailed(error: unknown): void {
    const req = this.#req;
    this.#ctx.logger.error(`Exception in the app while handling "${req.method} ${req.url}"`, error);
    if (this.disconnected) return;
    if (this.#response < RES_STREAMING) this.#respondInternalError();
    else if (this.#response === RES_STREAMING) this.#cut(); // a half-sent response can only be cut
  }

  /**
   * Ends a response that cannot be completed: what was written is flushed, then the
   * connection closes without the final chunk, so the client sees a truncated response.
   */
  #cut(): void {
    this.#response = RES_COMPLETE;
    this.#markDisconnected();
    const socket = this.#res.socket;
    if (socket === null || socket.destroyed) return;
    socket.end();
    // A client that stopped reading would keep the flush (and the socket) pending forever.
    const timer = setTimeout(() => socket.destroy(), 2_000).unref();
    socket.once("close", () => clearTimeout(timer));
  }

  #respondInternalError(): void {
    try {
      this.#status = 500;
      this.#bodyless = this.#req.method === "HEAD";
      this.#writeHead(INTERNAL_ERROR.headers);
      this.#finish(this.#bodyless ? EMPTY : INTERNAL_ERROR.body);
    } catch (error) {
      this.#ctx.logger.error("Could not send the 500 response", error);
      this.#res.destroy();
    }
  }

  // ---- connection events -------------------------------------------------------------

  /** @internal 'close' on the response: finished normally, or the connection went away. */
  onClose(): void {
    const res = this.#res;
    const socket: TrackedSocket = this.#req.socket;
    socket[PENDING] = (socket[PENDING] ?? 1) - 1;
    socket[READ_MARK] = socket.bytesRead;
    // A closing server lets a connection go as soon as its last request is answered.
    if (this.#ctx.closing) endIdle(socket);
    if (!res.writableFinished) this.#markDisconnected();
    else {
      this.#response = RES_COMPLETE;
      this.#wakeDisconnectWaiters();
    }
    this.onDrain();
    if (this.#ctx.accessLog) this.#logAccess();
  }

  /** @internal */
  onDrain(): void {
    const wake = this.#drainWaiter;
    this.#drainWaiter = null;
    wake?.();
  }

  #markDisconnected(): void {
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
    const req = this.#req;
    const res = this.#res;
    const client = this.scope.client;
    const peer = client === null ? "-" : `${client[0]}:${client[1]}`;
    const status = res.headersSent ? String(res.statusCode) : "-";
    const ms = (performance.now() - this.#startedAt).toFixed(1);
    this.#ctx.logger.info(
      `${peer} - "${req.method} ${req.url} HTTP/${req.httpVersion}" ${status} ${ms}ms`,
    );
  }
}

// Shared listeners: `this` is the Node object, which points at its exchange.
function onResponseClose(this: ExchangeResponse): void {
  this.exchange?.onClose();
}
function onResponseDrain(this: ExchangeResponse): void {
  this.exchange?.onDrain();
}
function onRequestReadable(this: ExchangeRequest): void {
  this.exchange?.onReadable();
}
function onDiscardData(this: ExchangeRequest, chunk: Buffer): void {
  this.exchange?.onDiscarded(chunk.length);
}
