/**
 * One in-process request/response, seen by the app as `receive`/`send`, applying the Node
 * host's rules (it shares their checks): the head waits for the first body message, a whole
 * response gets a Content-Length, HEAD and 204/304 drop the body, an app error before the head
 * is a 500, after it the response is cut, and `http.disconnect` follows the finished response.
 */

import { statusHasNoBody } from "../http/status";
import type { Logger } from "../logger";
import { INTERNAL_ERROR, jsonError } from "../node/raw-response";
import { checkResponseHead, InvalidResponseError } from "../node/response-head";
import type {
  Headers,
  HTTPDisconnectMessage,
  HTTPResponseBodyMessage,
  HTTPResponseStartMessage,
  HTTPScope,
  ReceiveMessage,
  SendMessage,
  ServerApp,
} from "../types";
import type { RequestBodySource } from "./request-body";

/** Where the response goes: a buffer (httpRequest) or a stream (httpStream). */
export interface ResponseSink {
  head(status: number, headers: Headers): void;
  /** May return a promise to slow the app down (backpressure). */
  chunk(body: Uint8Array): Promise<void> | undefined;
  end(): void;
  /** The response cannot complete; `error` says why. Called at most once, maybe before `head`. */
  cut(error: unknown): void;
}

export interface ExchangeOptions {
  scope: HTTPScope;
  body: RequestBodySource;
  sink: ResponseSink;
  maxBodySize: number;
  logger: Logger;
  /** Hand app errors to the caller instead of answering 500. */
  raiseAppErrors: boolean;
}

const EMPTY = new Uint8Array(0);
const NONE = 0;
const STARTED = 1; // start stored, head not shown yet
const STREAMING = 2;
const COMPLETE = 3;

const disconnect = (): HTTPDisconnectMessage => ({ type: "http.disconnect" });

export class InProcessExchange {
  disconnected = false;
  /** What the app threw (or the rule it broke by returning early), if anything. */
  appError: unknown = undefined;
  readonly scope: HTTPScope;
  readonly #o: ExchangeOptions;
  #response = NONE;
  #status = 0;
  #headers: Headers = [];
  #declaredLength = -1;
  #bodyless = false;
  #sent = 0;
  #bodyBytes = 0;
  #reading = false;
  #waiters: Array<(message: ReceiveMessage) => void> = [];
  #cut = false;

  constructor(options: ExchangeOptions) {
    this.#o = options;
    this.scope = options.scope;
  }

  receive = (): Promise<ReceiveMessage> => this.#receive();
  send = (message: SendMessage): Promise<void> => {
    // As on the Node host, a response nobody can read any more is dropped silently.
    if (this.disconnected) return Promise.resolve();
    try {
      if (message.type === "http.response.body")
        return this.#sendBody(message) ?? Promise.resolve();
      if (message.type === "http.response.start") {
        this.#start(message);
        return Promise.resolve();
      }
      throw new TypeError(`Message type "${message.type}" is not valid on an http scope`);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  /** Calls the app; resolves when it returns (never rejects: failures go to the sink). */
  async run(app: ServerApp): Promise<void> {
    try {
      await app(this.scope, this.receive, this.send);
      if (this.disconnected || this.#response === COMPLETE) return;
      const what = this.#response === NONE ? "a response" : "the complete response body";
      this.#appFailed(new Error(`The app returned without sending ${what}`));
    } catch (error) {
      this.#appFailed(error);
    }
  }

  /** Answer without calling the app (a limit was hit). */
  reject(status: number, detail: string): void {
    const { headers, body } = jsonError(status, detail);
    this.#finishWhole(status, headers, body);
  }

  /** The client went away: the app's next receive() says so, its sends become no-ops. */
  disconnect(): void {
    if (this.disconnected) return;
    this.disconnected = true;
    this.#o.body.cancel();
    this.#wake();
  }

  async #receive(): Promise<ReceiveMessage> {
    if (this.disconnected) return disconnect();
    const source = this.#o.body;
    if (source.done) {
      if (this.#response === COMPLETE) return disconnect();
      return new Promise((resolve) => this.#waiters.push(resolve));
    }
    if (this.#reading) throw new Error("receive() called while a previous receive() is pending");
    this.#reading = true;
    let message: ReceiveMessage;
    try {
      message = await source.next();
    } catch (error) {
      this.#o.logger.warn(
        `In-process request body failed, treating it as a disconnect: ${String(error)}`,
      );
      this.disconnect();
      return disconnect();
    } finally {
      this.#reading = false;
    }
    if (this.disconnected) return disconnect();
    if (message.type === "http.request") {
      this.#bodyBytes += message.body.length;
      if (this.#bodyBytes > this.#o.maxBodySize) return this.#bodyTooLarge();
    }
    return message;
  }

  #bodyTooLarge(): ReceiveMessage {
    if (this.#response < STREAMING) this.reject(413, "Request body too large");
    else this.#cutResponse(new Error("request body too large"));
    this.disconnect();
    return disconnect();
  }

  #start(message: HTTPResponseStartMessage): void {
    if (this.#response !== NONE) {
      throw new Error(
        this.#response === COMPLETE
          ? "http.response.start sent after the response was complete"
          : "http.response.start sent twice",
      );
    }
    if (message.trailers === true)
      throw new InvalidResponseError("Response trailers are not supported");
    this.#declaredLength = checkResponseHead(message.status, message.headers);
    this.#status = message.status;
    this.#headers = message.headers ?? [];
    this.#bodyless = statusHasNoBody(message.status) || this.scope.method === "HEAD";
    this.#response = STARTED;
  }

  #sendBody(message: HTTPResponseBodyMessage): Promise<void> | undefined {
    const state = this.#response;
    if (state === NONE) throw new Error("http.response.body sent before http.response.start");
    if (state === COMPLETE) throw new Error("http.response.body sent after the final body message");
    const body = message.body ?? EMPTY;
    if (!(body instanceof Uint8Array))
      throw new TypeError("http.response.body: body must be a Uint8Array");
    const more = message.more_body === true;
    if (state === STARTED) {
      if (!more) return this.#sendWhole(body);
      this.#response = STREAMING;
      this.#o.sink.head(this.#status, this.#headers);
    }
    return this.#sendChunk(body, more);
  }

  /** start + one final body: the Node host sends it with a Content-Length, so do we. */
  #sendWhole(body: Uint8Array): undefined {
    let headers = this.#headers;
    const declared = this.#declaredLength;
    if (declared === -1) {
      if (!this.#bodyless || (body.length > 0 && !statusHasNoBody(this.#status))) {
        headers = [...headers, ["content-length", String(body.length)]];
      }
    } else if (declared !== body.length && !this.#bodyless) {
      throw new InvalidResponseError(
        `Response body has ${body.length} bytes but Content-Length says ${declared}`,
      );
    }
    this.#finishWhole(this.#status, headers, this.#bodyless ? EMPTY : body);
    return undefined;
  }

  #sendChunk(body: Uint8Array, more: boolean): Promise<void> | undefined {
    if (this.#declaredLength !== -1 && !this.#bodyless) {
      this.#sent += body.length;
      if (this.#sent > this.#declaredLength || (!more && this.#sent < this.#declaredLength)) {
        const error = new InvalidResponseError(
          `Response body of ${this.#sent}${more ? "+" : ""} bytes does not match Content-Length ${this.#declaredLength}`,
        );
        this.#cutResponse(error); // the head promised another length: cut rather than corrupt
        throw error;
      }
    }
    const sink = this.#o.sink;
    const pending = this.#bodyless || body.length === 0 ? undefined : sink.chunk(body);
    if (!more) {
      this.#response = COMPLETE;
      sink.end();
      this.#wake();
    }
    return pending;
  }

  #finishWhole(status: number, headers: Headers, body: Uint8Array): void {
    const sink = this.#o.sink;
    this.#response = COMPLETE;
    sink.head(status, headers);
    if (body.length > 0) void sink.chunk(body);
    sink.end();
    this.#wake();
  }

  #appFailed(error: unknown): void {
    const { logger, raiseAppErrors } = this.#o;
    this.appError = error;
    // A caller that asked for the error gets it thrown; logging it too would only be noise.
    if (!raiseAppErrors) {
      logger.error(
        `Exception in the app while handling "${this.scope.method} ${this.scope.raw_path}"`,
        error,
      );
    }
    if (this.disconnected) return;
    if (this.#response < STREAMING && !raiseAppErrors) {
      this.#bodyless = this.scope.method === "HEAD";
      this.#finishWhole(500, INTERNAL_ERROR.headers, this.#bodyless ? EMPTY : INTERNAL_ERROR.body);
    } else if (this.#response !== COMPLETE) {
      this.#cutResponse(error);
    }
  }

  #cutResponse(error: unknown): void {
    this.#response = COMPLETE;
    if (this.#cut) return;
    this.#cut = true;
    this.#o.sink.cut(error);
    this.disconnect();
  }

  #wake(): void {
    const waiters = this.#waiters;
    if (waiters.length === 0) return;
    this.#waiters = [];
    for (const wake of waiters) wake(disconnect());
  }
}
