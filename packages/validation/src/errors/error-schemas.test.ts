import { describe, expect, it } from "vitest";
import type { ErrorItem } from "../types";
import { validationErrorSchemas } from "./error-schemas";
import { renderValidationErrors } from "./render";

const errors: ErrorItem[] = [
  { type: "missing", loc: ["body", "items", 0], msg: "Field required", input: null },
];

/** Just enough of JSON Schema to check a rendered body against its documented schema. */
function conforms(
  value: unknown,
  schema: Record<string, unknown>,
  components: Record<string, object>,
): boolean {
  if (typeof schema.$ref === "string") {
    return conforms(
      value,
      components[schema.$ref.split("/").pop() as string] as Record<string, unknown>,
      components,
    );
  }
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some((s) => conforms(value, s, components));
  if ("const" in schema && value !== schema.const) return false;
  switch (schema.type) {
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      const required = (schema.required as string[] | undefined) ?? [];
      if (!required.every((key) => key in record)) return false;
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      return Object.keys(record).every(
        (key) =>
          key in properties &&
          conforms(record[key], properties[key] as Record<string, unknown>, components),
      );
    }
    case "array":
      return (
        Array.isArray(value) &&
        value.every((item) => conforms(item, schema.items as Record<string, unknown>, components))
      );
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    default:
      return true;
  }
}

describe("validationErrorSchemas", () => {
  it.each(["fastapi", "problem"] as const)(
    "%s: the rendered body matches the documented schema",
    (format) => {
      const documented = validationErrorSchemas(format);
      const rendered = renderValidationErrors(errors, format, { instance: "/x" });
      expect(rendered.headers).toEqual([["content-type", documented.contentType]]);
      expect(
        conforms(
          JSON.parse(rendered.body),
          documented.schema as Record<string, unknown>,
          documented.components,
        ),
      ).toBe(true);
      expect(
        conforms(
          { detail: "nope" },
          documented.schema as Record<string, unknown>,
          documented.components,
        ),
      ).toBe(false);
    },
  );

  it("names FastAPI's components", () => {
    expect(Object.keys(validationErrorSchemas("fastapi").components)).toEqual([
      "ValidationError",
      "HTTPValidationError",
    ]);
    expect(Object.keys(validationErrorSchemas("problem").components)).toEqual([
      "ValidationProblemError",
      "ValidationProblem",
    ]);
  });
});
