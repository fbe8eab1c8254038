import type { HTTPScope, Middleware, Receive, Send, SendMessage, ServerApp } from "@typhoon/server";
import { Request } from "../http/request";
import { Response } from "../http/responses";
import { BodyChannel } from "./body-channel";
import { BodyRelay } from "./body-relay";
import { CapturedResponse } from "./captured-response";

const EMPTY = new Uint8Array(0);

/**
 * Runs the rest of the stack for `request` and resolves at the response start with the
 * captured response (its body streams later). Rejects with what the app below threw, if it
 * failed before starting a response.
 */
export type CallNext = (request: Request) => Promise<CapturedResponse>;

/** FastAPI's `@app.middleware("http")` function. */
export type HttpMiddlewareFunction = (
  request: Request,
  callNext: CallNext,
) => Response | Promise<Response>;

/**
 * Middleware from a function of the request and `callNext`, like FastAPI's
 * `@app.middleware("http")`. Only http scopes go through `fn`; websocket and lifespan scopes
 * go straight to the app. What `fn` (or the app below it) throws propagates, so the outer
 * error guard answers 500.
 *
 * ```ts
 * const timing = httpMiddleware(async (request, callNext) => {
 *   const started = performance.now();
 *   const response = await callNext(request);
 *   response.setHeader("x-process-time", String(performance.now() - started));
 *   return response;
 * });
 * ```
 */
export function httpMiddleware(fn: HttpMiddlewareFunction): Middleware {
  if (typeof fn !== "function") throw new TypeError("httpMiddleware() expects a function");
  return (app: ServerApp): ServerApp =>
    (scope, receive, send) => {
      if (scope.type !== "http") return app(scope, receive, send);
      return new MiddlewareCall(app, scope, receive).run(fn, send);
    };
}

/** One request through an http middleware function. */
class MiddlewareCall {
  readonly request: Request;
  readonly #app: ServerApp;
  readonly #relay: BodyRelay;
  readonly #channel = new BodyChannel();
  #captured: CapturedResponse | undefined;
  #downstream: Promise<void> | undefined;

  constructor(app: ServerApp, scope: HTTPScope, receive: Receive) {
    this.#app = app;
    this.#relay = new BodyRelay(receive);
    this.request = new Request(scope, this.#relay.forMiddleware);
  }

  async run(fn: HttpMiddlewareFunction, send: Send): Promise<void> {
    let response: Response;
    try {
      response = await fn(this.request, this.callNext);
      if (!(response instanceof Response)) {
        throw new TypeError(
          `An httpMiddleware function must return a Response, got ${describe(response)}`,
        );
      }
    } catch (error) {
      this.#abandonDownstream(); // the app below may still be sending: let it wind down
      throw error;
    }
    if (response !== this.#captured) this.#abandonDownstream();
    try {
      await response.respond(this.request.scope as HTTPScope, this.#relay.forMiddleware, send);
    } catch (error) {
      this.#abandonDownstream();
      throw error;
    }
    this.#channel.close(); // releases the app below from its last send
    if (this.#downstream === undefined) return;
    // The app below may still be working after its last byte (background tasks): wait, so a
    // graceful shutdown waits too, and surface an error nobody has seen.
    await this.#downstream;
    const unseen = this.#channel.unseenFailure;
    if (unseen !== undefined) throw unseen.error;
  }

  readonly callNext: CallNext = (request) => {
    if (this.#downstream !== undefined) {
      return Promise.reject(new Error("callNext() may be called only once per request"));
    }
    if (!(request instanceof Request) || request.scope.type !== "http") {
      return Promise.reject(new TypeError("callNext() expects the HTTP Request it was given"));
    }
    return new Promise<CapturedResponse>((resolve, reject) => {
      const capture = (message: SendMessage): Promise<void> => {
        if (message.type === "http.response.start") {
          if (this.#captured !== undefined) {
            return Promise.reject(new Error("http.response.start sent twice"));
          }
          this.#captured = new CapturedResponse(
            message.status,
            message.headers ?? [],
            this.#channel,
          );
          resolve(this.#captured);
          return Promise.resolve();
        }
        if (message.type === "http.response.body") {
          if (this.#captured === undefined) {
            return Promise.reject(new Error("http.response.body sent before http.response.start"));
          }
          return this.#channel.push(message.body ?? EMPTY, message.more_body === true);
        }
        return Promise.reject(
          new TypeError(`Message type "${message.type}" is not valid on an http scope`),
        );
      };
      const settle = (error?: unknown) => {
        if (this.#captured !== undefined) {
          this.#channel.finish(error, this.#relay.disconnected);
          return;
        }
        this.#channel.markFailureSeen();
        reject(error ?? new Error("The app returned without sending a response"));
      };
      // The downstream promise never rejects: its failure reaches callNext or the body reader.
      this.#downstream = Promise.resolve()
        .then(() => this.#app(request.scope, this.#relay.forApp, capture))
        .then(
          () => settle(),
          (error: unknown) => settle(error ?? new Error("The app threw a nullish value")),
        );
    });
  };

  #abandonDownstream(): void {
    this.#relay.close();
    this.#channel.close();
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "an object";
  return typeof value;
}
