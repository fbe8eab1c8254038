/**
 * Every error this package throws carries one of these stable codes; tests and callers branch
 * on them, never on the message.
 *
 * - `REQUEST_INVALID`: a request's inputs failed validation (`RequestValidationError`, a 422).
 * - `RESPONSE_INVALID`: a handler's value does not fit its response schema
 *   (`ResponseValidationError`, a server bug: 500).
 * - `JSON_SCHEMA_UNSUPPORTED`: a schema JSON Schema cannot express (`JsonSchemaError`).
 */
export type ValidationErrorCode =
  | "REQUEST_INVALID"
  | "RESPONSE_INVALID"
  | "JSON_SCHEMA_UNSUPPORTED";

/** Base class of the package's errors: a message that names the culprit, and a stable `code`. */
export class TyphoonValidationError extends Error {
  readonly code: ValidationErrorCode;

  constructor(code: ValidationErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** True for any error thrown by this package (checks the class, never the name). */
export function isTyphoonValidationError(value: unknown): value is TyphoonValidationError {
  return value instanceof TyphoonValidationError;
}
