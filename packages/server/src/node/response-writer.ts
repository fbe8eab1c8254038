import { statusHasNoBody } from "../http/status";
import type {
  Headers,
  HTTPResponseBodyMessage,
  HTTPResponseStartMessage,
  Send,
  SendMessage,
} from "../types";
import type { ServerContext } from "./context";
import type { ExchangeRequest, ExchangeResponse } from "./node-messages";
import { INTERNAL_ERROR, jsonError } from "./raw-response";
import { checkResponseHead, InvalidResponseError } from "./response-head";
import { type ConnectionState, connectionOf } from "./socket-state";

export const EMPTY = new Uint8Array(0);
/** Bodies up to this size go out together with the head (see #sendWhole). */
const ONE_WRITE_LIMIT = 16 * 1024;
const latin1Slice = Buffer.prototype.latin1Slice;

/** The bytes as a one-byte string, one character per byte. */
function latin1(bytes: Uint8Array): string {
  return latin1Slice.call(bytes, 0, bytes.length);
}
const RESOLVED = Promise.resolve();

// Response: nothing sent, start stored (head not written yet), head written, finished.
export const RES_NONE = 0;
export const RES_START = 1;
export const RES_STREAMING = 2;
export const RES_COMPLETE = 3;

/**
 * The sending half of an exchange: turns `http.response.*` messages into Node writes —
 * validation, framing (Content-Length or chunked), the one-write fast path, backpressure,
 * and the ways out when a response cannot be completed. The head is held back until the
 * first body message, so a start + one final body goes out as one `res.end(body)`.
 */
export abstract class ResponseWriter {
  /** The client is gone (or the server gave up on it): sends are no-ops from now on. */
  disconnected = false;
  readonly send: Send = (message) => this.#send(message);
  protected readonly req: ExchangeRequest;
  protected readonly res: ExchangeResponse;
  protected readonly ctx: ServerContext;
  /** What the server tracks about the request's connection. */
  protected readonly connection: ConnectionState;
  protected response = RES_NONE;
  #status = 0;
  #headers: Headers | undefined = undefined;
  #declaredLength = -1;
  #bodyless = false;
  #sent = 0;
  #drainWaiter: (() => void) | null = null;

  constructor(req: ExchangeRequest, res: ExchangeResponse, ctx: ServerContext) {
    this.req = req;
    this.res = res;
    this.ctx = ctx;
    this.connection = connectionOf(req.socket);
  }

  /** The client may still send a body nobody asked for (a 100-continue we never sent). */
  protected abstract clientMaySendBody(): boolean;
  /** The response is about to end: deal with request body still arriving. */
  protected abstract beforeEnd(): void;
  protected abstract markDisconnected(): void;

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
    if (this.response !== RES_NONE) {
      throw new Error(
        this.response === RES_COMPLETE
          ? "http.response.start sent after the response was complete"
          : "http.response.start sent twice",
      );
    }
    if (message.trailers === true) {
      throw new InvalidResponseError("Response trailers are not supported");
    }
    this.#declaredLength = checkResponseHead(message.status, message.headers);
    this.#status = message.status;
    this.#headers = message.headers;
    this.#bodyless = statusHasNoBody(message.status) || this.req.method === "HEAD";
    this.response = RES_START;
  }

  #sendBody(message: HTTPResponseBodyMessage): Promise<void> {
    const state = this.response;
    if (state === RES_NONE) throw new Error("http.response.body sent before http.response.start");
    if (state === RES_COMPLETE) {
      throw new Error("http.response.body sent after the final body message");
    }
    const body = message.body ?? EMPTY;
    if (!(body instanceof Uint8Array)) {
      throw new TypeError("http.response.body: body must be a Uint8Array");
    }
    const more = message.more_body === true;
    if (state === RES_START) {
      if (!more) return this.#sendWhole(body);
      this.#writeHead(this.#status, this.#headers);
      this.response = RES_STREAMING;
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
    this.#writeHead(this.#status, headers);
    if (this.#bodyless || body.length === 0) this.#finish(EMPTY);
    else if (body.length <= ONE_WRITE_LIMIT) {
      // As a latin1 string (same bytes), Node sends head and body in one write instead of a
      // writev of two buffers.
      this.response = RES_COMPLETE;
      this.beforeEnd();
      this.res.end(latin1(body), "latin1");
    } else this.#finish(body);
    return RESOLVED;
  }

  #writeChunk(body: Uint8Array, more: boolean): Promise<void> {
    const declared = this.#declaredLength;
    if (declared !== -1 && !this.#bodyless) {
      this.#sent += body.length;
      const sent = this.#sent;
      if (sent > declared || (!more && sent < declared)) {
        this.cut(); // the head promised another length: cut rather than corrupt
        throw new InvalidResponseError(
          `Response body of ${sent}${more ? "+" : ""} bytes does not match Content-Length ${declared}`,
        );
      }
    }
    if (!more) {
      this.#finish(body);
      return RESOLVED;
    }
    if (body.length === 0) {
      this.res.flushHeaders(); // an empty first chunk still lets the client see the head
      return RESOLVED;
    }
    if (this.res.write(body)) return RESOLVED;
    // Backpressure: the socket buffer is full; resume the app once it drained (or closed).
    if (this.res.listenerCount("drain") === 0) this.res.on("drain", onResponseDrain);
    return new Promise((resolve) => {
      this.#drainWaiter = resolve;
    });
  }

  #writeHead(status: number, headers: Headers | undefined): void {
    const res = this.res;
    // A closing server ends the connection after its last queued request.
    if ((this.ctx.closing && this.connection.pending <= 1) || this.clientMaySendBody()) {
      res.shouldKeepAlive = false;
    }
    // Node takes [name, value] pairs as they are: no copy into an object.
    if (headers === undefined) res.writeHead(status);
    else res.writeHead(status, headers as unknown as string[]);
  }

  #finish(body: Uint8Array): void {
    this.response = RES_COMPLETE;
    this.beforeEnd();
    if (body.length === 0) this.res.end();
    else this.res.end(body);
  }

  /** Answers with `{"detail": ...}` and closes: the rest of the request is never read. */
  protected respondError(status: number, detail?: string): void {
    const { headers, body } = jsonError(status, detail);
    this.res.shouldKeepAlive = false;
    this.#writeHead(status, headers);
    this.response = RES_COMPLETE;
    this.res.end(body);
  }

  /** The app failed before its response started. */
  protected respondInternalError(): void {
    try {
      this.#bodyless = this.req.method === "HEAD";
      this.#writeHead(500, INTERNAL_ERROR.headers);
      this.#finish(this.#bodyless ? EMPTY : INTERNAL_ERROR.body);
    } catch (error) {
      this.ctx.logger.error("Could not send the 500 response", error);
      this.res.destroy();
    }
  }

  /**
   * Ends a response that cannot be completed: what was written is flushed, then the
   * connection closes without the final chunk, so the client sees a truncated response.
   */
  protected cut(): void {
    this.response = RES_COMPLETE;
    this.markDisconnected();
    const socket = this.res.socket;
    if (socket === null || socket.destroyed) return;
    socket.end();
    // A client that stopped reading would keep the flush (and the socket) pending forever.
    const timer = setTimeout(() => socket.destroy(), 2_000).unref();
    socket.once("close", () => clearTimeout(timer));
  }

  /** @internal 'drain' on the response (or its end): a pending body send may resolve. */
  onDrain(): void {
    const wake = this.#drainWaiter;
    this.#drainWaiter = null;
    wake?.();
  }
}

function onResponseDrain(this: ExchangeResponse): void {
  this.exchange?.onDrain();
}
