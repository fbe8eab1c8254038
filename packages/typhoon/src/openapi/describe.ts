import type {
  ApiDescription,
  BodyFieldDescription,
  ErrorFormatDescription,
  OperationDescription,
  ParameterDescription,
  RequestBodyDescription,
  ResponseDescription,
  SecurityRequirementDescription,
} from "@typhoon/docs";
import { hasSecurityScheme } from "@typhoon/security";
import { type ErrorFormat, schemaShape } from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import type { DeclaredInput } from "../pipeline/inputs";
import type { PlannedRoute } from "../pipeline/route";
import type { ResponseDoc } from "../routing/types";

/** What the app tells the document beyond its routes. */
export interface DocumentInfo {
  info: ApiDescription["info"];
  servers?: ApiDescription["servers"];
  tags?: ApiDescription["tags"];
  externalDocs?: ApiDescription["externalDocs"];
  webhooks?: OperationDescription[];
  errorFormat: ErrorFormat;
  /** JSON Schema of the 422 body when `errorFormat` is a custom function. */
  errorSchema?: Record<string, unknown>;
}

/** The neutral description @typhoon/docs builds the document from, read off the planned routes. */
export function describeApi(routes: readonly PlannedRoute[], meta: DocumentInfo): ApiDescription {
  const operations: OperationDescription[] = [];
  for (const route of routes) {
    if (!route.merged.includeInSchema) continue;
    for (const method of route.methods) operations.push(describeOperation(route, method));
  }
  const api: ApiDescription = { info: meta.info, operations, errorFormat: errorFormatOf(meta) };
  if (meta.servers?.length) api.servers = meta.servers;
  if (meta.tags?.length) api.tags = meta.tags;
  if (meta.externalDocs) api.externalDocs = meta.externalDocs;
  if (meta.webhooks?.length) api.webhooks = meta.webhooks;
  return api;
}

function errorFormatOf(meta: DocumentInfo): ErrorFormatDescription {
  if (typeof meta.errorFormat === "string") return meta.errorFormat;
  // A custom renderer's body is unknown unless the app describes it.
  return {
    schema: meta.errorSchema ?? { type: "object", description: "Validation error (custom format)" },
  };
}

function describeOperation(route: PlannedRoute, method: string): OperationDescription {
  const options = route.def.options;
  const inputs = route.inputs.filter((input) => input.options.includeInSchema !== false);
  const operation: OperationDescription = {
    method: method as OperationDescription["method"],
    path: route.path,
    name: options.name ?? (route.def.handler.name || nameFromPath(route.path)),
    tags: route.merged.tags,
    deprecated: route.merged.deprecated,
    parameters: parametersOf(inputs),
    responses: responsesOf(route),
    validatesInput: inputs.length > 0,
  };
  if (options.operationId !== undefined) operation.operationId = options.operationId;
  if (options.summary !== undefined) operation.summary = options.summary;
  if (options.description !== undefined) operation.description = options.description;
  const body = requestBodyOf(inputs);
  if (body !== undefined) operation.requestBody = body;
  const security = securityOf(route);
  if (security.length > 0) operation.security = security;
  return operation;
}

/** `/items/{item_id}` → `items_item_id`: a readable name for handlers without one. */
function nameFromPath(path: string): string {
  const words = path
    .replace(/:path\}/g, "}")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.length ? words.join("_") : "root";
}

function parametersOf(inputs: readonly DeclaredInput[]): ParameterDescription[] {
  const out: ParameterDescription[] = [];
  const seen = new Set<string>();
  const add = (parameter: ParameterDescription) => {
    const key = `${parameter.in}:${parameter.name}`;
    if (seen.has(key)) return; // declared by the route and a dependency: documented once
    seen.add(key);
    out.push(parameter);
  };
  for (const input of inputs) {
    if (input.source === "body" || input.source === "form" || input.source === "file") continue;
    if (input.source !== "path" && schemaShape(input.schema) === "object") {
      for (const [key, schema] of Object.entries(objectEntries(input.schema))) {
        const name =
          input.source === "header" && input.options.convertUnderscores !== false
            ? key.replace(/_/g, "-")
            : key;
        add({ in: input.source, name, schema });
      }
      continue;
    }
    const parameter: ParameterDescription = {
      in: input.source,
      name: input.name,
      schema: input.schema,
    };
    const { description, title, examples, deprecated } = input.options;
    if (description !== undefined) parameter.description = description;
    if (title !== undefined) parameter.title = title;
    if (examples !== undefined) parameter.examples = examples;
    if (deprecated !== undefined) parameter.deprecated = deprecated;
    add(parameter);
  }
  return out;
}

function requestBodyOf(inputs: readonly DeclaredInput[]): RequestBodyDescription | undefined {
  const bodies = dedupe(inputs.filter((i) => i.source === "body"));
  const forms = dedupe(inputs.filter((i) => i.source === "form" || i.source === "file"));
  if (forms.length > 0) {
    const fields: BodyFieldDescription[] = [];
    for (const input of forms) {
      if (input.source === "form" && schemaShape(input.schema) === "object") {
        for (const [name, schema] of Object.entries(objectEntries(input.schema)))
          fields.push({ name, schema });
      } else {
        fields.push(fieldOf(input));
      }
    }
    const mediaType = forms.some((i) => i.source === "file")
      ? "multipart/form-data"
      : "application/x-www-form-urlencoded";
    return { content: { mediaType, fields } };
  }
  if (bodies.length === 0) return undefined;
  const [only] = bodies;
  if (bodies.length === 1 && only !== undefined && !only.options.embed) {
    const body: RequestBodyDescription = {
      content: [{ mediaType: only.options.mediaType ?? "application/json", schema: only.schema }],
    };
    if (only.options.description !== undefined) body.description = only.options.description;
    return body;
  }
  return { content: { mediaType: "application/json", fields: bodies.map(fieldOf) } };
}

function fieldOf(input: DeclaredInput): BodyFieldDescription {
  const field: BodyFieldDescription = { name: input.name, schema: input.schema };
  if (input.source === "file") field.file = input.options.many ? "many" : true;
  if (input.options.description !== undefined) field.description = input.options.description;
  if (input.options.examples !== undefined) field.examples = input.options.examples;
  if (input.source === "file" && input.options.required !== undefined)
    field.required = input.options.required;
  return field;
}

function dedupe(inputs: readonly DeclaredInput[]): DeclaredInput[] {
  const seen = new Set<string>();
  return inputs.filter((input) => !seen.has(input.name) && seen.add(input.name) !== undefined);
}

function responsesOf(route: PlannedRoute): ResponseDescription[] {
  const options = route.def.options;
  const own: ResponseDescription = { status: options.status ?? 200 };
  if (options.response !== undefined) own.schema = options.response;
  if (options.responseDescription !== undefined) own.description = options.responseDescription;
  const out = [own];
  for (const [status, doc] of Object.entries(route.merged.responses))
    out.push(extraResponse(status, doc));
  return out;
}

function extraResponse(status: string, doc: ResponseDoc): ResponseDescription {
  const response: ResponseDescription = {
    status: /^\d+$/.test(status) ? Number(status) : (status as ResponseDescription["status"]),
  };
  if (doc.description !== undefined) response.description = doc.description;
  if (doc.schema !== undefined) response.schema = doc.schema;
  if (doc.headers !== undefined) response.headers = doc.headers;
  return response;
}

function securityOf(route: PlannedRoute): SecurityRequirementDescription[] {
  const out: SecurityRequirementDescription[] = [];
  for (const node of route.dependencyPlan.nodes) {
    // The declared provider, not an override's replacement: tests must not change the docs.
    const provider = node.original;
    if (provider !== null && hasSecurityScheme(provider)) {
      out.push({ scheme: provider.securityScheme, scopes: [...node.scopes] });
    }
  }
  return out;
}

/** The entries of an object schema, looking through `v.pipe` and optional wrappers. */
function objectEntries(schema: GenericSchema): Record<string, GenericSchema> {
  let current = schema as unknown as {
    entries?: Record<string, GenericSchema>;
    pipe?: unknown[];
    wrapped?: unknown;
  };
  for (let depth = 0; depth < 16 && current.entries === undefined; depth++) {
    const next = current.pipe?.[0] ?? current.wrapped;
    if (next === undefined) break;
    current = next as typeof current;
  }
  return current.entries ?? {};
}
