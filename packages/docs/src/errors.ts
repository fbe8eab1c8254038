/** Stable codes of {@link OpenAPIError}; tests and callers branch on these, never on messages. */
export type OpenAPIErrorCode =
  /** Two operations would get the same operationId. */
  | "DUPLICATE_OPERATION_ID"
  /** Two operations share one method and path. */
  | "DUPLICATE_OPERATION"
  /** A schema cannot be expressed in JSON Schema (a transform's output, `v.custom` ...). */
  | "UNEXPRESSIBLE_SCHEMA"
  /** Two different schemas (or security schemes) claim one component name. */
  | "COMPONENT_CONFLICT"
  /** The description itself is inconsistent (a bad method, an undeclared path parameter ...). */
  | "INVALID_DESCRIPTION";

/**
 * Thrown by `buildOpenAPI` when the document cannot be built faithfully. The message names the
 * operation (`GET /items/{item_id}`) and where in it (`query parameter "q"`); `cause` carries
 * the underlying error when there is one.
 */
export class OpenAPIError extends Error {
  readonly code: OpenAPIErrorCode;

  constructor(code: OpenAPIErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OpenAPIError";
    this.code = code;
  }
}
