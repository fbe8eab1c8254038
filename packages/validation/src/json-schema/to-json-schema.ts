import { type ConversionConfig, toJsonSchema as convert } from "@valibot/to-json-schema";
import type { GenericSchema } from "valibot";
import { absentPolicy, view } from "../core/introspect";
import type { SchemaView } from "../types";
import { fixAction } from "./actions";
import { JsonSchemaError } from "./errors";
import { differsByIo, indexSchema } from "./walk";

export interface JsonSchemaOptions {
  /** "input": what a request may send. "output": what a response contains. */
  io: "input" | "output";
  /**
   * OpenAPI mode: named schemas land here (by component name) and are referenced as
   * `#/components/schemas/<name>`; the returned schema has no `$schema`/`$defs`. Share one
   * map across all calls of a document. Without it the result is a standalone JSON Schema
   * with `$defs`.
   */
  definitions?: Map<string, object>;
  /**
   * A named schema whose input and output forms differ is stored as `<name>-Input` and
   * `<name>-Output` (FastAPI's separate_input_output_schemas). Default true.
   */
  separateIo?: boolean;
  /** Supplies the JSON Schema of schemas the converter cannot express (custom, instance ...). */
  override?: (schema: GenericSchema, io: "input" | "output") => object | undefined;
}

type Json = Record<string, unknown>;

const OBJECT_TYPES = new Set(["object", "loose_object", "strict_object", "object_with_rest"]);

/**
 * Converts a valibot schema to JSON Schema 2020-12 (OpenAPI 3.1's dialect) through
 * @valibot/to-json-schema, with Typhoon's semantics on top: input vs output `required`
 * (defaults and nullish keys are optional on input, always present on output), transforms
 * documented by their input side or the output schema that ends the pipe, dates as
 * `date-time` strings, named schemas as `$ref`s. Anything inexpressible throws a
 * {@link JsonSchemaError} naming its path, never a silent `{}`.
 */
export function toJsonSchema(schema: GenericSchema, options: JsonSchemaOptions): object {
  const root = view(schema);
  const index = indexSchema(root);
  const { io, definitions } = options;
  const separate = options.separateIo ?? true;
  const refKeys = new Map<SchemaView, string>();
  const defs: Record<string, GenericSchema> = {};
  for (const [name, s] of index.named) {
    const key =
      separate && differsByIo(s) ? `${name}-${io === "input" ? "Input" : "Output"}` : name;
    refKeys.set(s, key);
    defs[key] = s as unknown as GenericSchema;
  }
  const where = (s: object) => index.paths.get(s) ?? "$";

  const config: ConversionConfig = {
    target: "draft-2020-12",
    typeMode: io,
    errorMode: "throw",
    definitions: defs,
    overrideSchema: ({ valibotSchema, jsonSchema, errors }) =>
      fixSchema(view(valibotSchema), jsonSchema as Json, errors, {
        io,
        where,
        override: options.override,
      }),
    overrideAction: ({ valibotAction, jsonSchema, errors }) => {
      const action = view(valibotAction);
      return fixAction(action, jsonSchema as Json, errors, { io, path: where(action) }) as never;
    },
    overrideRef: ({ referenceId, valibotSchema }) => {
      const s = view(valibotSchema);
      if (!refKeys.has(s)) {
        if (definitions === undefined) return undefined;
        throw new JsonSchemaError(
          `The recursive schema at ${where(s)} must be named to be referenced: wrap it with named("Name", schema)`,
        );
      }
      return definitions === undefined ? undefined : `#/components/schemas/${referenceId}`;
    },
  };
  const result = convert(schema, config) as Json;
  if (definitions === undefined) return result;
  const produced = (result.$defs ?? {}) as Record<string, object>;
  for (const [key, def] of Object.entries(produced)) {
    const existing = definitions.get(key);
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(def)) {
      throw new JsonSchemaError(
        `Two different schemas are named "${key}": give them distinct names`,
      );
    }
    definitions.set(key, def);
  }
  delete result.$defs;
  delete result.$schema;
  return result;
}

interface FixContext {
  io: "input" | "output";
  where: (s: object) => string;
  override: JsonSchemaOptions["override"];
}

function fixSchema(
  s: SchemaView,
  json: Json,
  errors: readonly string[] | undefined,
  ctx: FixContext,
): Json | undefined {
  const custom = ctx.override?.(s as unknown as GenericSchema, ctx.io);
  if (custom !== undefined) return custom as Json;
  switch (s.type) {
    case "date":
      // v.date() takes `YYYY-MM-DD` or an ISO date-time and serializes as an ISO date-time.
      return { type: "string", format: "date-time" };
    // The temporal schemas, as pydantic documents datetime, time and timedelta.
    case "datetime":
      return { type: "string", format: "date-time" };
    case "time":
      return { type: "string", format: "time" };
    case "timedelta":
      return { type: "string", format: "duration" };
    case "bigint":
      return { type: "integer", format: "int64" };
    case "file":
    case "blob":
      return { type: "string", format: "binary" };
    case "record":
      // Keys constrained by a picklist/literal/pipe: propertyNames already says so.
      if (json.propertyNames !== undefined) return json;
      break;
    default:
      if (OBJECT_TYPES.has(s.type) && s.entries !== undefined) {
        const required = Object.entries(s.entries)
          .filter(([, entry]) => isRequired(entry, ctx.io))
          .map(([key]) => key);
        // An absent nullish key becomes null: document it as the default (FastAPI's `= None`).
        const properties = (json.properties ?? {}) as Record<string, Json>;
        for (const [key, entry] of Object.entries(s.entries)) {
          const policy = absentPolicy(entry);
          const property = properties[key];
          if (
            policy.kind === "value" &&
            policy.value === null &&
            property !== undefined &&
            !("default" in property)
          ) {
            property.default = null;
          }
        }
        if (required.length > 0) json.required = required;
        else delete json.required;
        if (errors === undefined) return undefined;
      }
  }
  if (errors !== undefined) {
    throw new JsonSchemaError(
      `Cannot express the "${s.type}" schema at ${ctx.where(s)} in JSON Schema: ${errors.join(" ")}`,
    );
  }
  return undefined;
}

/** Input: a key must be sent unless it may be absent. Output: present unless optional without default. */
function isRequired(entry: SchemaView, io: "input" | "output"): boolean {
  const policy = absentPolicy(entry);
  if (io === "input") return policy.kind === "required";
  return !(policy.kind === "value" && policy.value === undefined);
}
