import { JsonSchemaError, toJsonSchema } from "@typhoon/validation";
import type { GenericSchema } from "valibot";
import type { JsonSchema } from "../description";
import { OpenAPIError } from "../errors";
import { stableStringify } from "./stable-json";

/** OpenAPI component names: `^[a-zA-Z0-9.\-_]+$`. */
export const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Collects every schema of one document: converts valibot schemas (named ones land in
 * `components/schemas` through a shared definitions map) and holds the extra components the
 * builder adds itself (error bodies, `Body_<operationId>` forms), refusing two different
 * schemas under one name.
 */
export class SchemaRegistry {
  readonly #definitions = new Map<string, object>();
  readonly #extra = new Map<string, { schema: JsonSchema; where: string }>();
  readonly #roots: GenericSchema[] = [];
  readonly #separateIo: boolean;

  constructor(options: { separateIo: boolean }) {
    this.#separateIo = options.separateIo;
  }

  /**
   * The JSON Schema of `schema` in its input (request) or output (response) form. `where`
   * names the place for error messages (`GET /items/{id}: query parameter "q"`).
   */
  convert(schema: GenericSchema, io: "input" | "output", where: string): JsonSchema {
    if (!isValibotSchema(schema)) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${where}: expected a valibot schema, got ${describe(schema)}`,
      );
    }
    this.#roots.push(schema);
    try {
      return toJsonSchema(schema, {
        io,
        definitions: this.#definitions,
        separateIo: this.#separateIo,
      }) as JsonSchema;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // @typhoon/validation reports name clashes with this wording (it has no error codes).
      const code = /Two different schemas are named/.test(message)
        ? "COMPONENT_CONFLICT"
        : "UNEXPRESSIBLE_SCHEMA";
      const kind = error instanceof JsonSchemaError ? "" : " (conversion failed)";
      throw new OpenAPIError(code, `${where}: ${message}${kind}`, { cause: error });
    }
  }

  /** Adds a component the builder made; the same name twice must mean the same schema. */
  addComponent(name: string, schema: JsonSchema, where: string): void {
    if (!COMPONENT_NAME.test(name)) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${where}: invalid component name ${JSON.stringify(name)} (use letters, digits, ".", "_", "-")`,
      );
    }
    const existing = this.#extra.get(name);
    if (existing !== undefined && stableStringify(existing.schema) !== stableStringify(schema)) {
      throw new OpenAPIError(
        "COMPONENT_CONFLICT",
        `Two different schemas are named "${name}" (${existing.where} and ${where})`,
      );
    }
    if (existing === undefined) this.#extra.set(name, { schema, where });
  }

  /** Every valibot schema converted so far (for the discriminator pass). */
  get roots(): readonly GenericSchema[] {
    return this.#roots;
  }

  /** `components/schemas`, sorted by name as FastAPI does; undefined when there is none. */
  components(): Record<string, JsonSchema> | undefined {
    const all = new Map<string, JsonSchema>();
    for (const [name, schema] of this.#definitions) all.set(name, schema as JsonSchema);
    for (const [name, { schema, where }] of this.#extra) {
      const named = all.get(name);
      if (named !== undefined && stableStringify(named) !== stableStringify(schema)) {
        throw new OpenAPIError(
          "COMPONENT_CONFLICT",
          `The schema name "${name}" is used by a named valibot schema and by ${where}: rename the valibot schema`,
        );
      }
      all.set(name, schema);
    }
    if (all.size === 0) return undefined;
    // fromEntries: a "__proto__" name stays an ordinary key.
    return Object.fromEntries([...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

function isValibotSchema(value: unknown): value is GenericSchema {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "schema" &&
    typeof (value as { "~run"?: unknown })["~run"] === "function"
  );
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return "an object that is not a schema";
  return typeof value;
}
