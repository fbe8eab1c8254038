import type {
  BodyContentDescription,
  BodyFieldDescription,
  BodyFieldsDescription,
  JsonSchema,
  RequestBodyDescription,
} from "../description";
import { OpenAPIError } from "../errors";
import type { DocumentContext, OperationSite } from "./context";
import { decorateSchema, fieldTraits } from "./parameters";

const BINARY = { type: "string", format: "binary" } as const;

/**
 * The operation's `requestBody`: whole-body schemas per media type, or fields gathered into
 * one `Body_<operationId>` component (FastAPI's shape for forms, uploads and several JSON
 * bodies). Files are `{type: "string", format: "binary"}`, as FastAPI writes them in 3.1.
 */
export function buildRequestBody(
  body: RequestBodyDescription,
  operationId: string,
  site: OperationSite,
  ctx: DocumentContext,
): Record<string, unknown> | undefined {
  const where = `${site.label}: request body`;
  const { content, required } = Array.isArray(body.content)
    ? wholeBody(body.content, where, ctx)
    : fieldsBody(body.content, operationId, where, ctx);
  const out: Record<string, unknown> = {};
  if (body.description !== undefined) out.description = body.description;
  out.content = content;
  out.required = body.required ?? required;
  return out;
}

function wholeBody(
  entries: readonly BodyContentDescription[],
  where: string,
  ctx: DocumentContext,
): { content: Record<string, unknown>; required: boolean } {
  if (entries.length === 0) {
    throw new OpenAPIError("INVALID_DESCRIPTION", `${where} lists no media type`);
  }
  const content: Record<string, unknown> = {};
  let required = true;
  for (const entry of entries) {
    checkMediaType(entry.mediaType, where);
    const at = `${where} (${entry.mediaType})`;
    let schema: JsonSchema;
    if (entry.schema !== undefined) {
      schema = ctx.registry.convert(entry.schema, "input", at);
      if (!fieldTraits(entry.schema, ["body", ""], at).required) required = false;
    } else if (entry.jsonSchema !== undefined) {
      schema = entry.jsonSchema;
    } else {
      throw new OpenAPIError("INVALID_DESCRIPTION", `${at} has neither schema nor jsonSchema`);
    }
    content[entry.mediaType] = { schema };
  }
  return { content, required };
}

function fieldsBody(
  body: BodyFieldsDescription,
  operationId: string,
  where: string,
  ctx: DocumentContext,
): { content: Record<string, unknown>; required: boolean } {
  checkMediaType(body.mediaType, where);
  if (!Array.isArray(body.fields) || body.fields.length === 0) {
    throw new OpenAPIError("INVALID_DESCRIPTION", `${where} lists no field`);
  }
  const properties = new Map<string, JsonSchema>();
  const requiredFields: string[] = [];
  for (const field of body.fields) {
    if (typeof field.name !== "string" || field.name === "") {
      throw new OpenAPIError("INVALID_DESCRIPTION", `${where}: a field has no name`);
    }
    if (properties.has(field.name)) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${where}: field "${field.name}" appears twice`,
      );
    }
    const at = `${where} field "${field.name}"`;
    const traits = fieldTraits(field.schema, ["body", field.name], at);
    properties.set(field.name, decorateSchema(fieldSchema(field, at, ctx), field));
    if (field.required ?? traits.required) requiredFields.push(field.name);
  }
  const name = `Body_${operationId}`;
  const component: JsonSchema = {
    title: name,
    type: "object",
    properties: Object.fromEntries(properties),
  };
  if (requiredFields.length > 0) component.required = requiredFields;
  ctx.registry.addComponent(name, component, where);
  return {
    content: { [body.mediaType]: { schema: { $ref: `#/components/schemas/${name}` } } },
    required: requiredFields.length > 0,
  };
}

function fieldSchema(field: BodyFieldDescription, where: string, ctx: DocumentContext): JsonSchema {
  if (field.file === true) return { ...BINARY };
  if (field.file === "many") return { type: "array", items: { ...BINARY } };
  return ctx.registry.convert(field.schema, "input", where);
}

function checkMediaType(mediaType: unknown, where: string): void {
  if (typeof mediaType !== "string" || !/^[\w.+-]+\/[\w.+*-]+/.test(mediaType)) {
    throw new OpenAPIError(
      "INVALID_DESCRIPTION",
      `${where}: invalid media type ${JSON.stringify(mediaType)}`,
    );
  }
}
