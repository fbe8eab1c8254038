/** Every error this package throws carries one of these stable codes; tests and callers branch on them. */
export type RouterErrorCode =
  | "INVALID_TEMPLATE"
  | "INVALID_ROUTE"
  | "ROUTE_CONFLICT"
  | "ROUTE_NAME_CONFLICT"
  | "URL_FOR_UNKNOWN_NAME"
  | "URL_FOR_BAD_PARAMS";

/** Base class of the router's errors: a message that names the culprit, and a stable `code`. */
export class RouterError extends Error {
  readonly code: RouterErrorCode;

  constructor(code: RouterErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A path template (or mount prefix, or group prefix) that cannot be parsed. Thrown at registration. */
export class InvalidTemplateError extends RouterError {
  readonly template: string;

  constructor(template: string, reason: string) {
    super("INVALID_TEMPLATE", `Invalid path template ${JSON.stringify(template)}: ${reason}`);
    this.template = template;
  }
}

/** A registration that can never be reached or is ambiguous: same path shape and method, same name. */
export class RouteConflictError extends RouterError {
  constructor(code: "ROUTE_CONFLICT" | "ROUTE_NAME_CONFLICT", message: string) {
    super(code, message);
  }
}

/** `urlFor` could not build a path: unknown name, or params that do not fit the template. */
export class UrlForError extends RouterError {
  constructor(code: "URL_FOR_UNKNOWN_NAME" | "URL_FOR_BAD_PARAMS", message: string) {
    super(code, message);
  }
}

/** True for any error thrown by this package (checks the class, never the name). */
export function isRouterError(value: unknown): value is RouterError {
  return value instanceof RouterError;
}
