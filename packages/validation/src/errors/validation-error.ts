import type { ErrorItem } from "../types";

function summary(errors: readonly ErrorItem[], what: string): string {
  const count = `${errors.length} validation error${errors.length === 1 ? "" : "s"} ${what}`;
  const lines = errors.slice(0, 5).map((e) => `  ${e.loc.join(".")}: ${e.msg} [type=${e.type}]`);
  if (errors.length > 5) lines.push(`  ... and ${errors.length - 5} more`);
  return [count, ...lines].join("\n");
}

/** Every invalid input of one request; the app renders it as a 422 (see renderValidationErrors). */
export class RequestValidationError extends Error {
  readonly errors: ErrorItem[];
  constructor(errors: ErrorItem[]) {
    super(summary(errors, "in the request"));
    this.name = "RequestValidationError";
    this.errors = errors;
  }
}

/** A handler's return value did not match its response schema: a server bug (500 + log). */
export class ResponseValidationError extends Error {
  readonly errors: ErrorItem[];
  constructor(errors: ErrorItem[]) {
    super(summary(errors, "in the response"));
    this.name = "ResponseValidationError";
    this.errors = errors;
  }
}
