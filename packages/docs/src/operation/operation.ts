import type { OperationDescription } from "../description";
import { OpenAPIError } from "../errors";
import type { OpenAPIOperation, OpenAPIPathItem } from "../openapi-types";
import type { DocumentContext, OperationSite } from "./context";
import { deepMerge } from "./deep-merge";
import { documentPath, generateOperationId, summaryFromName } from "./naming";
import { buildParameters } from "./parameters";
import { buildRequestBody } from "./request-body";
import { buildResponses } from "./responses";
import { buildSecurity } from "./security";

const METHODS = new Set(["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"]);

export interface BuiltOperation {
  /** The key under `paths` (the documented path), `webhooks` (the name) or a callback. */
  key: string;
  /** Lower-case, as the path item's key. */
  method: string;
  operation: OpenAPIOperation;
}

/**
 * Builds one operation object. `kind` decides how `path` is read: a route template for
 * paths (validated, `{x:path}` → `{x}`, its parameters checked against the description), a
 * runtime expression for callbacks, a name for webhooks (both taken as written).
 */
export function buildOperation(
  op: OperationDescription,
  kind: OperationSite["kind"],
  ctx: DocumentContext,
  labelPrefix = "",
): BuiltOperation {
  if (typeof op !== "object" || op === null) {
    throw new OpenAPIError("INVALID_DESCRIPTION", `${labelPrefix}an operation is not an object`);
  }
  const method = typeof op.method === "string" ? op.method.toUpperCase() : "";
  if (!METHODS.has(method)) {
    throw new OpenAPIError(
      "INVALID_DESCRIPTION",
      `${labelPrefix}operation ${JSON.stringify(op.path)} has an invalid method ${JSON.stringify(op.method)}`,
    );
  }
  if (typeof op.path !== "string" || op.path === "") {
    throw new OpenAPIError(
      "INVALID_DESCRIPTION",
      `${labelPrefix}${method} operation has no path${kind === "webhook" ? " (the webhook's name)" : ""}`,
    );
  }
  const parsed = kind === "path" ? documentPath(op.path) : undefined;
  const key = parsed?.path ?? op.path;
  const site: OperationSite = {
    kind,
    label: `${labelPrefix}${kind === "webhook" ? "webhook " : ""}${method} ${key}`,
  };
  if (typeof op.name !== "string" || op.name === "") {
    throw new OpenAPIError("INVALID_DESCRIPTION", `${site.label}: the operation has no name`);
  }

  const operationId = op.operationId ?? generateOperationId(op.name, key, method);
  const taken = ctx.operationIds.get(operationId);
  if (taken !== undefined) {
    throw new OpenAPIError(
      "DUPLICATE_OPERATION_ID",
      `Duplicate operationId "${operationId}": ${taken} and ${site.label} (set a distinct operationId on one of them)`,
    );
  }
  ctx.operationIds.set(operationId, site.label);

  // Keys in FastAPI's order.
  const operation: Record<string, unknown> = {};
  if (op.tags !== undefined && op.tags.length > 0) operation.tags = [...op.tags];
  operation.summary = op.summary ?? summaryFromName(op.name);
  if (op.description !== undefined) operation.description = op.description;
  if (op.externalDocs !== undefined) operation.externalDocs = op.externalDocs;
  operation.operationId = operationId;
  if (op.deprecated === true) operation.deprecated = true;
  const security = buildSecurity(op.security ?? [], site, ctx.securitySchemes);
  if (security !== undefined) operation.security = security;
  const parameters = buildParameters(op.parameters ?? [], parsed?.params, site, ctx);
  if (parameters !== undefined) operation.parameters = parameters;
  if (op.requestBody !== undefined) {
    operation.requestBody = buildRequestBody(op.requestBody, operationId, site, ctx);
  }
  operation.responses = buildResponses(op.responses, op.validatesInput === true, site, ctx);
  if (op.callbacks !== undefined) operation.callbacks = buildCallbacks(op.callbacks, site, ctx);
  for (const [name, value] of Object.entries(op.extensions ?? {})) {
    if (!name.startsWith("x-")) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${site.label}: extension "${name}" must start with "x-" (use openapiExtra for other keys)`,
      );
    }
    operation[name] = value;
  }
  if (op.openapiExtra !== undefined) deepMerge(operation, op.openapiExtra);
  return { key, method: method.toLowerCase(), operation: operation as unknown as OpenAPIOperation };
}

/** Groups built operations into path items, refusing one method twice on one key. */
export function addToPathItems(
  items: Record<string, OpenAPIPathItem>,
  built: BuiltOperation,
  label: string,
): void {
  const item = Object.hasOwn(items, built.key) ? items[built.key]! : {};
  if (Object.hasOwn(item, built.method)) {
    throw new OpenAPIError(
      "DUPLICATE_OPERATION",
      `${label}${built.method.toUpperCase()} ${built.key} is described twice`,
    );
  }
  item[built.method] = built.operation;
  Object.defineProperty(items, built.key, {
    value: item,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function buildCallbacks(
  callbacks: Record<string, OperationDescription[]>,
  parent: OperationSite,
  ctx: DocumentContext,
): Record<string, Record<string, OpenAPIPathItem>> {
  const out: Record<string, Record<string, OpenAPIPathItem>> = {};
  for (const [name, operations] of Object.entries(callbacks)) {
    const prefix = `${parent.label} → callback "${name}": `;
    if (!Array.isArray(operations)) {
      throw new OpenAPIError("INVALID_DESCRIPTION", `${prefix}expected a list of operations`);
    }
    const items: Record<string, OpenAPIPathItem> = {};
    for (const op of operations) {
      addToPathItems(items, buildOperation(op, "callback", ctx, prefix), prefix);
    }
    Object.defineProperty(out, name, {
      value: items,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
