// The shape of the produced document, typed as far as callers usually read it. Nested
// objects are plain JSON: the document is meant to be serialized, not walked with types.
import type { ApiInfo, ExternalDocs, ServerDescription, TagDescription } from "./description";

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

/** An OpenAPI 3.1 Operation object. */
export interface OpenAPIOperation {
  tags?: string[];
  summary?: string;
  description?: string;
  externalDocs?: ExternalDocs;
  operationId: string;
  deprecated?: boolean;
  security?: Array<Record<string, string[]>>;
  parameters?: JsonObject[];
  requestBody?: JsonObject;
  responses: Record<string, JsonObject>;
  callbacks?: Record<string, Record<string, OpenAPIPathItem>>;
  [extension: `x-${string}`]: unknown;
}

/** An OpenAPI Path Item: lower-case method → operation. */
export type OpenAPIPathItem = Record<string, OpenAPIOperation>;

/** An OpenAPI 3.1.0 document. */
export interface OpenAPIDocument {
  openapi: "3.1.0";
  info: ApiInfo;
  jsonSchemaDialect: string;
  servers?: ServerDescription[];
  paths: Record<string, OpenAPIPathItem>;
  webhooks?: Record<string, OpenAPIPathItem>;
  components?: {
    schemas?: Record<string, JsonObject>;
    securitySchemes?: Record<string, JsonObject>;
  };
  tags?: TagDescription[];
  externalDocs?: ExternalDocs;
}
