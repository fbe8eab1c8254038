import type { ErrorItem } from "../types";
import { TyphoonValidationError } from "./base";

/** "2 validation errors in the request", then up to five errors, one per line. */
function summary(errors: readonly ErrorItem[], what: string): string {
  const count = `${errors.length} validation error${errors.length === 1 ? "" : "s"} ${what}`;
  const lines = errors.slice(0, 5).map((e) => `  ${e.loc.join(".")}: ${e.msg} [type=${e.type}]`);
  if (errors.length > 5) lines.push(`  ... and ${errors.length - 5} more`);
  return [count, ...lines].join("\n");
}

export interface RequestValidationErrorOptions {
  /** The body the request sent: parsed JSON, the form, or the raw text of another type. */
  body?: unknown;
}

/** Every invalid input of one request; the app renders it as a 422 (see renderValidationErrors). */
export class RequestValidationError extends TyphoonValidationError {
  readonly errors: ErrorItem[];
  /**
   * The received body (FastAPI's `exc.body`), for a custom 422 handler that echoes it:
   * undefined when the request sent none or the route reads none.
   */
  readonly body: unknown;
  constructor(errors: ErrorItem[], options: RequestValidationErrorOptions = {}) {
    super("REQUEST_INVALID", summary(errors, "in the request"));
    this.errors = errors;
    this.body = options.body;
  }
}

export interface ResponseValidationErrorOptions {
  /** The route whose handler returned the value, e.g. `GET /items/{id}`; named in the message. */
  route?: string;
}

/** A handler's return value did not match its response schema: a server bug (500 + log). */
export class ResponseValidationError extends TyphoonValidationError {
  readonly errors: ErrorItem[];
  /** The route named in the options, if any. */
  readonly route: string | undefined;
  constructor(errors: ErrorItem[], options: ResponseValidationErrorOptions = {}) {
    const where = options.route === undefined ? "" : ` of ${options.route}`;
    super("RESPONSE_INVALID", summary(errors, `in the response${where}`));
    this.errors = errors;
    this.route = options.route;
  }
}
