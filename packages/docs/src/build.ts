import { validationErrorSchemas } from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import type { ApiDescription, ErrorFormatDescription, JsonSchema } from "./description";
import { OpenAPIError } from "./errors";
import { toJsonData } from "./json";
import type { OpenAPIDocument, OpenAPIPathItem } from "./openapi-types";
import type { DocumentContext, ValidationErrorResponse } from "./operation/context";
import { addToPathItems, buildOperation } from "./operation/operation";
import { SecuritySchemes } from "./operation/security";
import { addDiscriminators } from "./schema/discriminator";
import { rewriteRefs, unpairedIoRenames } from "./schema/io-names";
import { SchemaRegistry } from "./schema/registry";

/** The dialect of every Schema Object: OpenAPI 3.1's base vocabulary over JSON Schema 2020-12. */
export const OPENAPI_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base";

export interface BuildOpenAPIOptions {
  /**
   * Runs last, on a private copy of the finished document; return a new document or mutate
   * the one given (FastAPI's "override `app.openapi()`" recipe, as a hook).
   */
  postProcess?: (doc: OpenAPIDocument) => OpenAPIDocument | undefined | void;
  /**
   * A named schema whose request and response forms differ is documented twice, as
   * `<Name>-Input` and `<Name>-Output` (FastAPI's `separate_input_output_schemas`). Default true.
   */
  separateInputOutputSchemas?: boolean;
}

/**
 * Builds the OpenAPI 3.1.0 document of an API. A pure function of its arguments: call it
 * once at startup and cache the result (or its JSON). Throws {@link OpenAPIError} when the
 * description cannot be documented faithfully (a schema JSON Schema cannot express, two
 * operations with one operationId, an undeclared path parameter ...), naming the operation.
 */
export function buildOpenAPI(
  api: ApiDescription,
  options: BuildOpenAPIOptions = {},
): OpenAPIDocument {
  checkInfo(api);
  const ctx: DocumentContext = {
    registry: new SchemaRegistry({ separateIo: options.separateInputOutputSchemas ?? true }),
    securitySchemes: new SecuritySchemes(),
    operationIds: new Map(),
    validationError: resolveErrorFormat(api.errorFormat),
  };
  const paths: Record<string, OpenAPIPathItem> = {};
  for (const op of list(api.operations, "operations")) {
    addToPathItems(paths, buildOperation(op, "path", ctx), "");
  }
  let webhooks: Record<string, OpenAPIPathItem> | undefined;
  if (api.webhooks !== undefined && api.webhooks.length > 0) {
    webhooks = {};
    for (const op of list(api.webhooks, "webhooks")) {
      addToPathItems(webhooks, buildOperation(op, "webhook", ctx), "webhook ");
    }
  }

  const doc: Record<string, unknown> = {
    openapi: "3.1.0",
    info: api.info,
    jsonSchemaDialect: OPENAPI_DIALECT,
  };
  if (api.servers !== undefined && api.servers.length > 0) doc.servers = api.servers;
  doc.paths = paths;
  if (webhooks !== undefined) doc.webhooks = webhooks;
  const components: Record<string, unknown> = {};
  const schemas = ctx.registry.components();
  if (schemas !== undefined) components.schemas = schemas;
  const securitySchemes = ctx.securitySchemes.toJSON();
  if (securitySchemes !== undefined) components.securitySchemes = securitySchemes;
  if (Object.keys(components).length > 0) doc.components = components;
  if (api.tags !== undefined && api.tags.length > 0) doc.tags = checkTags(api.tags);
  if (api.externalDocs !== undefined) doc.externalDocs = api.externalDocs;

  // The passes below edit the private copy, never objects of the description.
  const result = toJsonData(doc) as OpenAPIDocument;
  collapseIoNames(result, ctx.registry.roots);
  addDiscriminators(result, ctx.registry.roots);
  if (options.postProcess === undefined) return result;
  return options.postProcess(result) ?? result;
}

/** `Item-Input` → `Item` when the document never needs `Item-Output` (FastAPI's naming). */
function collapseIoNames(doc: OpenAPIDocument, roots: readonly GenericSchema[]): void {
  const schemas = doc.components?.schemas;
  if (schemas === undefined) return;
  const renames = unpairedIoRenames(Object.keys(schemas), roots);
  if (renames.size === 0) return;
  rewriteRefs(doc, renames);
  const entries = Object.entries(schemas).map(
    ([name, s]) => [renames.get(name) ?? name, s] as const,
  );
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  doc.components!.schemas = Object.fromEntries(entries);
}

function list<T>(value: T[] | undefined, what: string): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new OpenAPIError("INVALID_DESCRIPTION", `The description's ${what} must be a list`);
  }
  return value;
}

function checkInfo(api: ApiDescription): void {
  const info = api?.info;
  for (const field of ["title", "version"] as const) {
    if (typeof info?.[field] !== "string" || info[field] === "") {
      throw new OpenAPIError("INVALID_DESCRIPTION", `info.${field} must be a non-empty string`);
    }
  }
  if (info.license?.identifier !== undefined && info.license.url !== undefined) {
    throw new OpenAPIError(
      "INVALID_DESCRIPTION",
      "info.license takes an identifier or a url, not both (OpenAPI 3.1)",
    );
  }
}

function checkTags(tags: NonNullable<ApiDescription["tags"]>) {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (seen.has(tag.name)) {
      throw new OpenAPIError("INVALID_DESCRIPTION", `Tag "${tag.name}" is described twice`);
    }
    seen.add(tag.name);
  }
  return tags;
}

/** The 422 response of the app's error format, kept beside the renderer that sends it. */
function resolveErrorFormat(format: ErrorFormatDescription): ValidationErrorResponse {
  if (format === "fastapi" || format === "problem") {
    const { contentType, schema, components } = validationErrorSchemas(format);
    return {
      mediaType: contentType,
      schema: schema as JsonSchema,
      components: components as Record<string, JsonSchema>,
    };
  }
  if (typeof format === "object" && format !== null && typeof format.schema === "object") {
    return {
      mediaType: format.mediaType ?? "application/json",
      schema: format.schema,
      components: format.components ?? {},
    };
  }
  throw new OpenAPIError(
    "INVALID_DESCRIPTION",
    `errorFormat must be "fastapi", "problem" or { schema, mediaType?, components? } (got ${JSON.stringify(format)})`,
  );
}
