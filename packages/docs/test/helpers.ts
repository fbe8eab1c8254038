import { createRequire } from "node:module";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { GenericSchema } from "valibot";
import { expect } from "vitest";
import type { ApiDescription, OpenAPIDocument, OperationDescription } from "../src/index";
import { buildOpenAPI } from "../src/index";

// Ajv comes with the independent validator; it checks each Schema Object against the JSON
// Schema 2020-12 meta-schema (the OpenAPI validator stops at the Schema Object boundary) and
// validates sample bodies against documented schemas.
const validatorDir = createRequire(import.meta.url).resolve("@seriousme/openapi-schema-validator");
const Ajv2020 = createRequire(validatorDir)("ajv/dist/2020").default as new (
  options: object,
) => {
  validateSchema(schema: object): boolean;
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
  errors?: unknown;
};

// One instance per test file: building it compiles the OpenAPI meta-schemas (slow).
const validator = new Validator();

function ajv() {
  return new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
}

/** Every Schema Object of a document: components and every `schema` member. */
function schemasOf(doc: unknown): object[] {
  const found: object[] = [];
  const walk = (node: unknown, key: string | undefined) => {
    if (typeof node !== "object" || node === null) return;
    if (key === "schema") found.push(node);
    if (Array.isArray(node)) for (const item of node) walk(item, undefined);
    else for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(doc, undefined);
  const components = (doc as OpenAPIDocument).components?.schemas ?? {};
  found.push(...Object.values(components));
  return found;
}

/** Asserts the document is valid OpenAPI 3.1 and every schema in it valid JSON Schema 2020-12. */
export async function expectValidDocument(doc: OpenAPIDocument): Promise<void> {
  const result = await validator.validate(doc as never);
  expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
  expect(result.valid).toBe(true);
  const checker = ajv();
  for (const schema of schemasOf(doc)) {
    expect(checker.validateSchema(schema), JSON.stringify(schema)).toBe(true);
  }
  // Round trip: the document is plain JSON.
  expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
}

/** A validator for `schema` (which may `$ref` the document's components); `.errors` after a failure. */
export function compileAgainst(
  doc: OpenAPIDocument,
  schema: object,
): ((data: unknown) => boolean) & { errors?: unknown } {
  return ajv().compile({ ...schema, components: doc.components });
}

/** A minimal description around some operations. */
export function api(
  operations: OperationDescription[],
  extra: Partial<ApiDescription> = {},
): ApiDescription {
  return {
    info: { title: "Test", version: "1.0.0" },
    errorFormat: "fastapi",
    operations,
    ...extra,
  };
}

/** Builds and validates a document of one GET operation at `/t`. */
export async function buildOne(
  op: Partial<OperationDescription>,
  extra: Partial<ApiDescription> = {},
) {
  const doc = buildOpenAPI(api([{ method: "GET", path: "/t", name: "t", ...op }], extra));
  await expectValidDocument(doc);
  const operation =
    Object.values(doc.paths)[0]!.get ?? Object.values(Object.values(doc.paths)[0]!)[0]!;
  return { doc, operation };
}

/** The documented request-body schema of `schema` and the document's components. */
export async function bodySchema(schema: GenericSchema) {
  const { doc, operation } = await buildOne({
    method: "POST",
    requestBody: { content: [{ mediaType: "application/json", schema }] },
  });
  const body = operation.requestBody as { content: Record<string, { schema: object }> };
  return { schema: body.content["application/json"]!.schema, doc };
}

/** The documented 200 response schema of `schema` (output form). */
export async function responseSchema(schema: GenericSchema) {
  const { doc, operation } = await buildOne({ responses: [{ status: 200, schema }] });
  const ok = operation.responses["200"] as { content: Record<string, { schema: object }> };
  return { schema: ok.content["application/json"]!.schema, doc };
}
