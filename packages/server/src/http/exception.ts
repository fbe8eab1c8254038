/**
 * FastAPI's HTTPException: raise it anywhere below a route (handler, dependency) and the app
 * answers `status` with `{"detail": detail}` and the extra headers. It lives in the leaf so
 * that every layer (security schemes, the umbrella) throws the same shape.
 */
export class HTTPException extends Error {
  readonly status: number;
  readonly detail: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, detail?: unknown, headers?: Record<string, string>) {
    // An HTTPException is an answer, not a bug: capturing its stack trace was the biggest cost
    // of a 404 (28% of CPU in the benchmark), and no one reads it.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(typeof detail === "string" ? detail : statusText(status));
    Error.stackTraceLimit = limit;
    this.name = "HTTPException";
    this.status = status;
    this.detail = detail === undefined ? statusText(status) : detail;
    this.headers = headers;
  }
}

const reasons: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  418: "I'm a teapot",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The standard reason phrase, used as the default `detail` (as Starlette does). */
export function statusText(status: number): string {
  return reasons[status] ?? `HTTP ${status}`;
}
