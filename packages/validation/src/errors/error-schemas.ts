// JSON Schemas of the bodies renderValidationErrors produces, so the OpenAPI document describes
// exactly the 422 the app sends (kept beside the renderer so the two cannot drift).

export interface ErrorResponseSchema {
  /** The response's media type. */
  contentType: string;
  /** The body schema: a `$ref` into `components`. */
  schema: object;
  /** Component schemas to add under `components/schemas`. */
  components: Record<string, object>;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const validationError = (extra: Record<string, object> = {}) => ({
  type: "object",
  title: "ValidationError",
  properties: {
    type: { type: "string", title: "Error Type" },
    loc: {
      type: "array",
      title: "Location",
      items: { anyOf: [{ type: "string" }, { type: "integer" }] },
    },
    msg: { type: "string", title: "Message" },
    input: { title: "Input" },
    ctx: { type: "object", title: "Context" },
    ...extra,
  },
  required: ["type", "loc", "msg"],
});

/**
 * The 422 body of a built-in error format, as OpenAPI components: FastAPI's
 * `HTTPValidationError`/`ValidationError`, or `ValidationProblem`/`ValidationProblemError`
 * for RFC 9457 problem details.
 */
export function validationErrorSchemas(format: "fastapi" | "problem"): ErrorResponseSchema {
  if (format === "problem") {
    return {
      contentType: "application/problem+json",
      schema: ref("ValidationProblem"),
      components: {
        ValidationProblemError: {
          ...validationError({ pointer: { type: "string", title: "JSON Pointer into loc" } }),
          title: "ValidationProblemError",
        },
        ValidationProblem: {
          type: "object",
          title: "ValidationProblem",
          properties: {
            type: { type: "string", format: "uri-reference", default: "about:blank" },
            title: { type: "string" },
            status: { type: "integer", const: 422 },
            detail: { type: "string" },
            instance: { type: "string", format: "uri-reference" },
            errors: { type: "array", items: ref("ValidationProblemError") },
          },
          required: ["type", "title", "status", "errors"],
        },
      },
    };
  }
  return {
    contentType: "application/json",
    schema: ref("HTTPValidationError"),
    components: {
      ValidationError: validationError(),
      HTTPValidationError: {
        type: "object",
        title: "HTTPValidationError",
        properties: { detail: { type: "array", title: "Detail", items: ref("ValidationError") } },
      },
    },
  };
}
