import {
  ClientDisconnected,
  type Logger,
  reportServerError,
  statusHasNoBody,
} from "@typhoon/server";
import {
  type ErrorFormat,
  RequestValidationError,
  renderValidationErrors,
} from "@typhoon/validation";
import { HTTPException } from "../http/exceptions";
import type { Request } from "../http/request";
import { INTERNAL_SERVER_ERROR, JSONResponse, Response } from "../http/responses";

/** Turns an error raised while handling a request into the response to send. */
export type ExceptionHandler<E = any> = (
  request: Request,
  error: E,
) => Response | Promise<Response>;

export type ErrorClass<E = unknown> = abstract new (...args: any[]) => E;

/**
 * Exception handlers by status (for HTTPException) and by error class (nearest superclass
 * wins), with FastAPI's defaults for HTTPException and RequestValidationError.
 */
export class ExceptionHandlers {
  readonly #byStatus = new Map<number, ExceptionHandler>();
  readonly #byClass = new Map<Function, ExceptionHandler>();
  readonly #prebuilt = new Map<number, Response | null>();
  readonly #errorFormat: ErrorFormat;
  readonly #logger: Logger;

  constructor(errorFormat: ErrorFormat, logger: Logger) {
    this.#errorFormat = errorFormat;
    this.#logger = logger;
    this.#byClass.set(HTTPException, httpExceptionHandler);
    // A client that leaves mid-body is an everyday event, not an app error: no log line (any
    // client could flood the log), no 500 handler; the answer goes nowhere anyway.
    this.#byClass.set(ClientDisconnected, clientDisconnectedHandler);
    this.#byClass.set(RequestValidationError, requestValidationExceptionHandler);
  }

  set(key: number | ErrorClass, handler: ExceptionHandler): void {
    if (typeof key === "number") this.#byStatus.set(key, handler);
    else this.#byClass.set(key, handler);
    this.#prebuilt.clear();
  }

  /**
   * The default answer to `HTTPException(status)`, rendered once and shared (the app's 404
   * for unknown paths needs no exception, lookup or Response per request); null once a
   * handler replaces the default for it.
   */
  prebuilt(status: number): Response | null {
    let response = this.#prebuilt.get(status);
    if (response === undefined) {
      const byDefault =
        !this.#byStatus.has(status) && this.#byClass.get(HTTPException) === httpExceptionHandler;
      response = byDefault ? httpExceptionResponse(new HTTPException(status)) : null;
      if (response !== null) Object.freeze(response.headers);
      this.#prebuilt.set(status, response);
    }
    return response;
  }

  /**
   * The response for `error`; anything unhandled is logged and becomes a bare 500. A
   * handler's plain Response comes back as is (no promise, no tick): the common case, since
   * the built-in handlers are synchronous.
   */
  renderNow(request: Request, error: unknown): Response | Promise<Response> {
    // Only apps with another format pay for this: the default is what the handler assumes.
    if (this.#errorFormat !== "fastapi") errorFormats.set(request, this.#errorFormat);
    const handler = this.#find(error);
    if (handler === undefined) return this.#internal(request, error);
    let response: Response | Promise<Response>;
    try {
      response = handler(request, error);
    } catch (handlerError) {
      return this.#internal(request, handlerError);
    }
    if (response instanceof Response) return response;
    return Promise.resolve(response).then(undefined, (handlerError: unknown) =>
      this.#internal(request, handlerError),
    );
  }

  #find(error: unknown): ExceptionHandler | undefined {
    if (error instanceof HTTPException) {
      const byStatus = this.#byStatus.get(error.status);
      if (byStatus !== undefined) return byStatus;
    }
    if (typeof error !== "object" || error === null) return undefined;
    for (
      let proto = Object.getPrototypeOf(error);
      proto !== null;
      proto = Object.getPrototypeOf(proto)
    ) {
      const handler = this.#byClass.get(proto.constructor);
      if (handler !== undefined) return handler;
    }
    return undefined;
  }

  async #internal(request: Request, error: unknown): Promise<Response> {
    // An in-process test host that asked for unhandled errors gets it (FastAPI's TestClient raises it).
    reportServerError(request.scope, error);
    this.#logger.error(
      `Error handling ${request.method} ${request.path}${requestIdOf(request)}`,
      error,
    );
    const handler = this.#byStatus.get(500);
    if (handler !== undefined && !(error instanceof HTTPException)) {
      try {
        return await handler(request, error);
      } catch (handlerError) {
        this.#logger.error("The 500 exception handler failed", handlerError);
      }
    }
    return INTERNAL_SERVER_ERROR;
  }
}

function clientDisconnectedHandler(): Response {
  return new JSONResponse({ detail: "Client disconnected" }, { status: 400 });
}

/**
 * The default handler of `HTTPException` (FastAPI's `http_exception_handler`): `{"detail": ...}`
 * as JSON with the exception's status and headers; no body for 204 and 304. Exported so that a
 * handler of your own can delegate to it (log, then answer as usual).
 */
export function httpExceptionHandler(_request: Request, error: HTTPException): Response {
  return httpExceptionResponse(error);
}

function httpExceptionResponse(error: HTTPException): Response {
  const headers = error.headers;
  if (statusHasNoBody(error.status))
    return new Response(
      null,
      headers ? { status: error.status, headers } : { status: error.status },
    );
  return new Response(
    detailJson(error.detail),
    headers
      ? { status: error.status, headers, mediaType: JSONResponse.mediaType }
      : { status: error.status, mediaType: JSONResponse.mediaType },
  );
}

/**
 * The app's validation error format while it renders an error of this request; absent means
 * `"fastapi"`. Lets the exported handler keep the plain handler signature and still answer in
 * the app's format when a custom handler delegates to it.
 */
const errorFormats = new WeakMap<Request, ErrorFormat>();

/**
 * The default handler of `RequestValidationError` (FastAPI's
 * `request_validation_exception_handler`): 422 with every error, in the app's `errorFormat`
 * (`{"detail": [...]}` by default). Exported so that a handler of your own can delegate to it.
 */
export function requestValidationExceptionHandler(
  request: Request,
  error: RequestValidationError,
): Response {
  const rendered = renderValidationErrors(error.errors, errorFormats.get(request) ?? "fastapi", {
    instance: request.path,
  });
  return new Response(rendered.body, { status: rendered.status, headers: rendered.headers });
}

/** `{"detail": ...}` texts of string details: error answers repeat (404, 401 ...). Bounded. */
const detailTexts = new Map<string, string>();

function detailJson(detail: unknown): string {
  if (typeof detail !== "string" || detail.length > 256) return JSON.stringify({ detail });
  let text = detailTexts.get(detail);
  if (text === undefined) {
    text = JSON.stringify({ detail });
    if (detailTexts.size >= 256) detailTexts.clear();
    detailTexts.set(detail, text);
  }
  return text;
}

/**
 * ` [request id]` for the log line: what a request-id middleware put on the state, else the
 * client's `X-Request-Id` (only a sane token: it goes into the log).
 */
function requestIdOf(request: Request): string {
  const id = request.state.requestId ?? request.headers.get("x-request-id");
  return typeof id === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(id) ? ` [request ${id}]` : "";
}
