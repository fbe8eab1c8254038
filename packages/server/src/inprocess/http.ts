/**
 * HTTP without sockets: `httpRequest` buffers the whole response, `httpStream` hands it over
 * at the response start with the body as an async iterable (for SSE and other streams).
 */
import { consoleLogger, type Logger } from "../logger";
import { DEFAULT_LIMITS } from "../node/options";
import type { Headers, HTTPScope, ServerApp } from "../types";
import { ResponseIncomplete } from "./errors";
import { InProcessExchange, type ResponseSink } from "./http-exchange";
import { type ConnectionOptions, connectionScope, hasHeader, normalizeHeaders } from "./request";
import { fixedLength, type RequestBody, RequestBodySource } from "./request-body";
import { SERVER_ERROR_EXTENSION, type ServerErrorReport } from "./server-error";

export interface HttpRequestOptions extends ConnectionOptions {
  /** Default `"GET"`. */
  method?: string;
  /**
   * Text, bytes, or an (async) iterable of chunks delivered as several `http.request`
   * messages. Fixed bodies get a `content-length` header, streams `transfer-encoding: chunked`
   * (unless you set either), as an HTTP client would send them.
   */
  body?: RequestBody;
  /** `"http"` (default) or `"https"`. */
  scheme?: "http" | "https";
  /** Aborting it disconnects the client: the app sees `http.disconnect`, the call rejects. */
  signal?: AbortSignal;
  /** Request body limit, as the Node host's `limits.maxBodySize` (413 past it). Default 10 MiB. */
  maxBodySize?: number;
  /** Where app errors are logged. Default: the console, errors only. */
  logger?: Logger;
  /**
   * Reject with the app's own error instead of answering 500 (what a TestClient wants by
   * default). An error after the response completed also rejects, and so does one the app
   * answered with a 500 itself and reported through the `SERVER_ERROR_EXTENSION` scope
   * extension (offered only then). Default false, as a server.
   */
  raiseAppErrors?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export interface HttpStreamResponse {
  status: number;
  headers: Headers;
  /** The body chunks as the app sends them; leaving the loop early disconnects the client. */
  body: AsyncIterable<Uint8Array>;
  /** The client goes away: the app's next receive() yields `http.disconnect`. */
  disconnect(): void;
  /** Settles when the app call has returned (never rejects; see `raiseAppErrors`). */
  finished: Promise<void>;
}

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Chunks a streamed response may get ahead of its reader before the app's send() waits.
const STREAM_HIGH_WATER = 16;

function prepare(app: ServerApp, options: HttpRequestOptions, sink: ResponseSink) {
  const method = (options.method ?? "GET").toUpperCase();
  if (!METHOD.test(method)) throw new TypeError(`invalid method ${JSON.stringify(options.method)}`);
  const headers = normalizeHeaders(options.headers);
  const length = fixedLength(options.body);
  if (!hasHeader(headers, "content-length") && !hasHeader(headers, "transfer-encoding")) {
    if (length === null) headers.push(["transfer-encoding", "chunked"]);
    else if (options.body !== undefined || method === "POST" || method === "PUT") {
      headers.push(["content-length", String(length)]); // fetch sends 0 for a bodiless POST/PUT
    }
  }
  const scheme = options.scheme ?? "http";
  const scope: HTTPScope = {
    type: "http",
    ...connectionScope(options, headers, scheme === "https"),
    method,
    scheme,
  };
  const maxBodySize = options.maxBodySize ?? DEFAULT_LIMITS.maxBodySize;
  const exchange = new InProcessExchange({
    scope,
    body: new RequestBodySource(options.body),
    sink,
    maxBodySize,
    logger: options.logger ?? consoleLogger("error"),
    raiseAppErrors: options.raiseAppErrors === true,
  });
  if (options.raiseAppErrors === true) {
    const report: ServerErrorReport = (error) => {
      exchange.appError ??= error; // the first error is the one the app answered
    };
    scope.extensions[SERVER_ERROR_EXTENSION] = report;
  }
  const declared = declaredLength(headers);
  const signal = options.signal;
  signal?.throwIfAborted();
  /** Calls the app; while it runs, aborting `signal` calls `onAbort` (a client disconnect). */
  const run = async (onAbort: () => void): Promise<void> => {
    if (declared > maxBodySize) {
      exchange.reject(413, "Request body too large"); // as the Node host: the app is not called
      return;
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await exchange.run(app);
    } finally {
      signal?.removeEventListener("abort", onAbort); // a long-lived signal must not collect listeners
    }
  };
  return { exchange, run };
}

function declaredLength(headers: Headers): number {
  for (const [name, value] of headers) if (name === "content-length") return Number(value);
  return -1;
}

/** Runs one request through the app and resolves once the response is complete and the app returned. */
export function httpRequest(app: ServerApp, options: HttpRequestOptions): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let status = 0;
    let headers: Headers = [];
    let started = false;
    let complete = false;
    let failure: { error: unknown } | undefined;
    const chunks: Uint8Array[] = [];
    const sink: ResponseSink = {
      head(s, h) {
        started = true;
        status = s;
        headers = h;
      },
      chunk(body) {
        chunks.push(body);
        return undefined;
      },
      end() {
        complete = true;
      },
      cut(error) {
        failure = {
          error: started ? new ResponseIncomplete(status, headers, { cause: error }) : error,
        };
      },
    };
    const { exchange, run } = prepare(app, options, sink);
    run(() => exchange.disconnect()).then(() => {
      if (options.signal?.aborted) return reject(options.signal.reason);
      if (failure !== undefined) return reject(failure.error);
      if (options.raiseAppErrors && exchange.appError !== undefined)
        return reject(exchange.appError);
      if (!complete)
        return reject(new Error("the client disconnected before the response completed"));
      resolve({
        status,
        headers,
        body: chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks),
      });
    }, reject);
  });
}

/** Runs one request and resolves at the response start; read `body` to follow the stream. */
export function httpStream(
  app: ServerApp,
  options: HttpRequestOptions,
): Promise<HttpStreamResponse> {
  return new Promise<HttpStreamResponse>((resolve, reject) => {
    const buffered: Uint8Array[] = [];
    let ended = false;
    let failure: { error: unknown } | undefined;
    let wakeReader: (() => void) | undefined;
    let wakeWriter: (() => void) | undefined;
    let started = false;
    let status = 0;
    let headers: Headers = [];
    const notifyReader = () => {
      const wake = wakeReader;
      wakeReader = undefined;
      wake?.();
    };
    const sink: ResponseSink = {
      head(s, h) {
        started = true;
        status = s;
        headers = h;
        resolve({ status, headers, body, disconnect, finished });
      },
      chunk(chunk) {
        buffered.push(chunk);
        notifyReader();
        if (buffered.length < STREAM_HIGH_WATER) return undefined;
        return new Promise<void>((r) => {
          wakeWriter = r;
        });
      },
      end() {
        ended = true;
        notifyReader();
      },
      cut(error) {
        failure = {
          error: started ? new ResponseIncomplete(status, headers, { cause: error }) : error,
        };
        if (!started) reject(error);
        notifyReader();
      },
    };
    const { exchange, run } = prepare(app, options, sink);
    const disconnect = (): void => {
      exchange.disconnect();
      const wake = wakeWriter;
      wakeWriter = undefined;
      wake?.();
      notifyReader();
    };
    const body: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        async next(): Promise<IteratorResult<Uint8Array>> {
          // Bounded: each turn waits for the app to add a chunk, end, fail or be disconnected.
          for (;;) {
            const chunk = buffered.shift();
            if (chunk !== undefined) {
              if (buffered.length < STREAM_HIGH_WATER) {
                const wake = wakeWriter;
                wakeWriter = undefined;
                wake?.();
              }
              return { value: chunk, done: false };
            }
            if (failure !== undefined) throw failure.error;
            if (ended || exchange.disconnected) return { value: undefined, done: true };
            await new Promise<void>((r) => {
              wakeReader = r;
            });
          }
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          if (!ended) disconnect();
          return { value: undefined, done: true };
        },
      }),
    };
    // Deferred a tick: an app that sends without awaiting would otherwise reach `head` before
    // `finished` exists.
    const finished = Promise.resolve()
      .then(() => run(disconnect))
      .then(() => {
        if (!started) {
          // The app ended without a head reaching the client: disconnected, or raiseAppErrors.
          reject(
            failure?.error ??
              options.signal?.reason ??
              new Error("the client disconnected before the response started"),
          );
        }
      });
  });
}
