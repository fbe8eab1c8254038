import { compileField } from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import type { JsonSchema, ParameterDescription } from "../description";
import { OpenAPIError } from "../errors";
import type { DocumentContext, OperationSite } from "./context";

const LOCATIONS = new Set(["path", "query", "header", "cookie"]);

/** What the runtime knows about a value's schema: may it be absent, is it a list. */
export function fieldTraits(
  schema: GenericSchema,
  loc: readonly [string, string],
  where: string,
): { required: boolean; multi: boolean } {
  try {
    // The validator the app runs is the source of truth for both questions.
    const field = compileField(schema, { loc: [...loc] });
    return { required: field.required, multi: field.multi };
  } catch (error) {
    throw new OpenAPIError(
      "INVALID_DESCRIPTION",
      `${where}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** Adds a parameter's or field's own title/description/examples to its schema. */
export function decorateSchema(
  schema: JsonSchema,
  extra: { title?: string; description?: string; examples?: unknown[] },
): JsonSchema {
  if (extra.title !== undefined) schema.title = extra.title;
  if (extra.description !== undefined && schema.description === undefined) {
    schema.description = extra.description;
  }
  if (extra.examples !== undefined && extra.examples.length > 0) {
    const existing = Array.isArray(schema.examples) ? schema.examples : [];
    schema.examples = [...existing, ...extra.examples];
  }
  return schema;
}

/**
 * The operation's `parameters`. Like FastAPI, one entry per (in, name), a required entry
 * winning over an optional one; array query parameters are written with `style: form,
 * explode: true` (repeated keys, `?tag=a&tag=b`), which is how the app reads them.
 */
export function buildParameters(
  params: readonly ParameterDescription[],
  pathParams: readonly string[] | undefined,
  site: OperationSite,
  ctx: DocumentContext,
): Record<string, unknown>[] | undefined {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const param of params) {
    if (!LOCATIONS.has(param.in)) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${site.label}: parameter ${JSON.stringify(param.name)} has an invalid location ${JSON.stringify(param.in)} (path, query, header or cookie)`,
      );
    }
    if (typeof param.name !== "string" || param.name === "") {
      throw new OpenAPIError("INVALID_DESCRIPTION", `${site.label}: a parameter has no name`);
    }
    const where = `${site.label}: ${param.in} parameter "${param.name}"`;
    if (param.in === "path" && pathParams !== undefined && !pathParams.includes(param.name)) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${where} is not in the path template (its parameters: ${pathParams.join(", ") || "none"})`,
      );
    }
    const traits = fieldTraits(param.schema, [param.in, param.name], where);
    const schema = decorateSchema(ctx.registry.convert(param.schema, "input", where), param);
    const required = param.in === "path" ? true : (param.required ?? traits.required);
    const entry: Record<string, unknown> = { name: param.name, in: param.in, required, schema };
    if (param.in === "query" && traits.multi) {
      entry.style = "form";
      entry.explode = true;
    }
    if (param.description !== undefined) entry.description = param.description;
    if (param.deprecated === true) entry.deprecated = true;
    // Header names are case-insensitive.
    const key = `${param.in}\u0000${param.in === "header" ? param.name.toLowerCase() : param.name}`;
    const previous = byKey.get(key);
    if (previous === undefined || required || previous.required !== true) byKey.set(key, entry);
  }
  for (const name of pathParams ?? []) {
    if (!byKey.has(`path\u0000${name}`)) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${site.label}: the path parameter "${name}" is not described (add a parameter with in: "path")`,
      );
    }
  }
  return byKey.size > 0 ? [...byKey.values()] : undefined;
}
