// The neutral description of an API that the umbrella fills from its planned routes. The
// document is built from this alone, so @typhoon/docs never imports the umbrella.
import type { GenericSchema } from "valibot";

/** Free-form JSON Schema (2020-12) given as is, when no valibot schema describes a value. */
export type JsonSchema = Record<string, unknown>;

/** OpenAPI `info`. */
export interface ApiInfo {
  /** The API's name (required by OpenAPI). */
  title: string;
  /** The API's version, e.g. `"1.0.0"` (required by OpenAPI). */
  version: string;
  /** One-line summary (OpenAPI 3.1). */
  summary?: string;
  /** Markdown. */
  description?: string;
  /** A URL. */
  termsOfService?: string;
  contact?: { name?: string; url?: string; email?: string };
  /** `identifier` is an SPDX expression (OpenAPI 3.1); give it or `url`, not both. */
  license?: { name: string; identifier?: string; url?: string };
}

/** OpenAPI `externalDocs`. */
export interface ExternalDocs {
  url: string;
  description?: string;
}

/** One entry of the document-level `tags` list: metadata for a tag operations use. */
export interface TagDescription {
  name: string;
  /** Markdown. */
  description?: string;
  externalDocs?: ExternalDocs;
}

/** One entry of `servers`. A relative URL (`"/api"`) is resolved against the page's origin. */
export interface ServerDescription {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>;
}

/**
 * The 422 body the app sends when input validation fails, so the document describes exactly
 * that. `"fastapi"`: `application/json` `HTTPValidationError`/`ValidationError` (FastAPI's
 * components); `"problem"`: `application/problem+json` `ValidationProblem` (RFC 9457, as
 * `renderValidationErrors(errors, "problem")` sends it); an object: a custom renderer's body.
 */
export type ErrorFormatDescription =
  | "fastapi"
  | "problem"
  | {
      /** JSON Schema of the 422 body; may `$ref` entries of `components`. */
      schema: JsonSchema;
      /** Default `application/json`. */
      mediaType?: string;
      /** Schemas to add under `components/schemas` (for the `$ref`s of `schema`). */
      components?: Record<string, JsonSchema>;
    };

/** A whole API: everything `buildOpenAPI` needs. */
export interface ApiDescription {
  info: ApiInfo;
  /** Omitted from the document when absent or empty (clients then use the page's origin). */
  servers?: ServerDescription[];
  /** Tag metadata, in display order. Operations may use tags not listed here. */
  tags?: TagDescription[];
  externalDocs?: ExternalDocs;
  /** Every documented operation, in document order (routes with `includeInSchema: false` left out). */
  operations: OperationDescription[];
  /**
   * Webhooks (OpenAPI 3.1): requests the API sends to its users. Each operation's `path` is
   * the webhook's name (the key under `webhooks`, e.g. `"new-subscription"`), as FastAPI's
   * `app.webhooks.post("new-subscription")`.
   */
  webhooks?: OperationDescription[];
  /** The app's validation error format: decides the 422 response of every validating operation. */
  errorFormat: ErrorFormatDescription;
}

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** One method on one path. A route answering GET and POST is two operations. */
export interface OperationDescription {
  /** Upper-case HTTP method (case-insensitive on input). */
  method: HttpMethod | Lowercase<HttpMethod>;
  /**
   * The path template as declared: `/items/{item_id}`, `/files/{file_path:path}` (the
   * catch-all is written `{file_path}` in the document). For callbacks: a runtime expression
   * such as `{$request.body#/callback_url}/invoice`; for webhooks: the webhook's name.
   */
  path: string;
  /**
   * The handler's (route's) name, e.g. `read_item`. It makes the default operationId
   * (FastAPI's `generate_unique_id`: `read_item_items__item_id__get`) and summary (`Read Item`).
   */
  name: string;
  /** Overrides the generated operationId. Must be unique in the document. */
  operationId?: string;
  /** Default: the name in words, title-cased (`read_item` and `readItem` → `Read Item`). */
  summary?: string;
  /** Markdown. */
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  externalDocs?: ExternalDocs;
  /** Path, query, header and cookie parameters, in document order. */
  parameters?: ParameterDescription[];
  requestBody?: RequestBodyDescription;
  /**
   * The route's own response first (its status and response schema), then extra declared
   * responses. An operation with no response at all gets `200 Successful Response`.
   */
  responses?: ResponseDescription[];
  /** True when the operation validates input: it gets the 422 response in the app's error format. */
  validatesInput?: boolean;
  /**
   * Security requirements (from the route's security dependencies). Each scheme is listed
   * once per operation; the scopes of repeated uses of one scheme are merged.
   */
  security?: SecurityRequirementDescription[];
  /** OpenAPI callbacks: callback name → its operations (each `path` a runtime expression). */
  callbacks?: Record<string, OperationDescription[]>;
  /** `x-` keys added to the operation object. */
  extensions?: Record<`x-${string}`, unknown>;
  /** Merged deeply into the finished operation object last (FastAPI's `openapi_extra`). */
  openapiExtra?: Record<string, unknown>;
}

export interface ParameterDescription {
  in: "path" | "query" | "header" | "cookie";
  /** The name on the wire (the alias; for headers the hyphenated form, e.g. `x-token`). */
  name: string;
  /** The value's schema, documented in its input form. */
  schema: GenericSchema;
  /**
   * Default: derived from the schema (optional, nullish or with a default → not required).
   * Path parameters are always required.
   */
  required?: boolean;
  /** Markdown. */
  description?: string;
  /** Added to the schema's `title`. */
  title?: string;
  /** Example values, added to the schema's `examples` (JSON Schema's array form). */
  examples?: unknown[];
  deprecated?: boolean;
}

/** One field of a form or embedded JSON body (FastAPI's `Form()`, `File()`, several `Body()`). */
export interface BodyFieldDescription {
  name: string;
  schema: GenericSchema;
  /** `true`: one uploaded file; `"many"`: a list of files. Documented as binary strings. */
  file?: boolean | "many";
  /** Default: derived from the schema. */
  required?: boolean;
  description?: string;
  title?: string;
  examples?: unknown[];
}

export interface RequestBodyDescription {
  /** Default: derived (a single schema that accepts absence, or no required field → false). */
  required?: boolean;
  description?: string;
  /**
   * Either whole-body schemas per media type (JSON, a form model ...), or fields that become
   * one `Body_<operationId>` component (FastAPI's shape for forms, files and several bodies).
   */
  content: BodyContentDescription[] | BodyFieldsDescription;
}

export interface BodyContentDescription {
  /** e.g. `application/json`. */
  mediaType: string;
  /** The body's valibot schema (input form); or give `jsonSchema`. */
  schema?: GenericSchema;
  jsonSchema?: JsonSchema;
}

export interface BodyFieldsDescription {
  /**
   * `multipart/form-data` (forms with files), `application/x-www-form-urlencoded` (forms), or
   * `application/json` (several or embedded JSON bodies: `{ "<name>": value, ... }`).
   */
  mediaType: string;
  fields: BodyFieldDescription[];
}

export interface ResponseDescription {
  /** A status code, a range (`"4XX"`), or `"default"`. */
  status: number | "default" | "1XX" | "2XX" | "3XX" | "4XX" | "5XX";
  /** Default: `Successful Response` for the first response (the route's own), else the status text. */
  description?: string;
  /** The body's valibot schema, documented in its output form. */
  schema?: GenericSchema;
  /** A body given as JSON Schema instead of `schema`. */
  jsonSchema?: JsonSchema;
  /**
   * Default `application/json`. `null`: no content is documented (a file stream, a redirect).
   * Without `schema`/`jsonSchema`, the route's own response (the first) documents `{}` (any
   * JSON) for a JSON type and a string otherwise; an extra response documents no content
   * unless `mediaType` is given. Statuses without a body (1XX, 204, 205, 304) never get content.
   */
  mediaType?: string | null;
  headers?: Record<string, ResponseHeaderDescription>;
}

export interface ResponseHeaderDescription {
  description?: string;
  schema?: GenericSchema;
  required?: boolean;
}

/** A security scheme as it appears in `components/securitySchemes`. */
export interface SecuritySchemeDescription {
  /** The key in `components/securitySchemes` (FastAPI's `scheme_name`, e.g. `OAuth2PasswordBearer`). */
  name: string;
  /**
   * The OpenAPI Security Scheme object, e.g.
   * `{ type: "oauth2", flows: { password: { tokenUrl: "token", scopes: { me: "Read me" } } } }`.
   */
  definition: Record<string, unknown> & { type: string };
}

export interface SecurityRequirementDescription {
  scheme: SecuritySchemeDescription;
  /** Scopes the operation needs (OAuth2 / OpenID Connect); `[]` otherwise. */
  scopes?: string[];
}
