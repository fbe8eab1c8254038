import type { JsonSchema } from "../description";
import type { SchemaRegistry } from "../schema/registry";
import type { SecuritySchemes } from "./security";

/** The 422 response every validating operation documents, in the app's error format. */
export interface ValidationErrorResponse {
  mediaType: string;
  schema: JsonSchema;
  components: Record<string, JsonSchema>;
}

/** State shared by every operation of one document. */
export interface DocumentContext {
  registry: SchemaRegistry;
  securitySchemes: SecuritySchemes;
  /** operationId → the operation that took it (`GET /items`), to report duplicates. */
  operationIds: Map<string, string>;
  validationError: ValidationErrorResponse;
}

/** Where one operation lives, for error messages and for the rules that differ by kind. */
export interface OperationSite {
  kind: "path" | "callback" | "webhook";
  /** `GET /items/{item_id}`, `callback "notify" POST {$request.body#/url}`, `webhook POST new-user`. */
  label: string;
}
