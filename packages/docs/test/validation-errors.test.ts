import {
  compileBody,
  compileField,
  type ErrorItem,
  renderValidationErrors,
} from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { buildOpenAPI, type OpenAPIDocument } from "../src/index";
import { api, compileAgainst, expectValidDocument } from "./helpers";

const itemRoute = {
  method: "PUT" as const,
  path: "/items/{item_id}",
  name: "update_item",
  validatesInput: true,
  parameters: [{ in: "path" as const, name: "item_id", schema: v.pipe(v.number(), v.integer()) }],
};

/** Real errors, produced the way the app produces them. */
function realErrors(): ErrorItem[] {
  const errors: ErrorItem[] = [];
  compileField(v.pipe(v.number(), v.integer(), v.minValue(1)), { loc: ["path", "item_id"] })(
    "0",
    errors,
  );
  compileBody(v.object({ name: v.string(), tags: v.array(v.string()) }), { loc: ["body"] })(
    { tags: ["a", 3] },
    errors,
  );
  expect(errors.length).toBeGreaterThanOrEqual(3);
  return errors;
}

function the422(doc: OpenAPIDocument) {
  const put = doc.paths["/items/{item_id}"]!.put!;
  return put.responses["422"] as {
    description: string;
    content: Record<string, { schema: object }>;
  };
}

describe("the 422 response", () => {
  it('"fastapi": HTTPValidationError/ValidationError, and the body the app sends fits it', async () => {
    const doc = buildOpenAPI(api([itemRoute], { errorFormat: "fastapi" }));
    await expectValidDocument(doc);
    const response = the422(doc);
    expect(response.description).toBe("Validation Error");
    expect(Object.keys(response.content)).toEqual(["application/json"]);
    expect(response.content["application/json"]!.schema).toEqual({
      $ref: "#/components/schemas/HTTPValidationError",
    });
    expect(doc.components?.schemas?.HTTPValidationError).toMatchObject({
      type: "object",
      title: "HTTPValidationError",
      properties: {
        detail: {
          type: "array",
          title: "Detail",
          items: { $ref: "#/components/schemas/ValidationError" },
        },
      },
    });
    expect(doc.components?.schemas?.ValidationError).toMatchObject({
      title: "ValidationError",
      required: ["type", "loc", "msg"],
      properties: {
        loc: { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } },
      },
    });

    const rendered = renderValidationErrors(realErrors(), "fastapi", { instance: "/items/0" });
    expect(rendered.headers).toContainEqual(["content-type", "application/json"]);
    const validate = compileAgainst(doc, response.content["application/json"]!.schema);
    expect(validate(JSON.parse(rendered.body)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ detail: [{ loc: "body" }] })).toBe(false);
  });

  it('"problem": application/problem+json ValidationProblem, and the body the app sends fits it', async () => {
    const doc = buildOpenAPI(api([itemRoute], { errorFormat: "problem" }));
    await expectValidDocument(doc);
    const response = the422(doc);
    expect(Object.keys(response.content)).toEqual(["application/problem+json"]);
    const schema = response.content["application/problem+json"]!.schema;
    expect(schema).toEqual({ $ref: "#/components/schemas/ValidationProblem" });
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual([
      "ValidationProblem",
      "ValidationProblemError",
    ]);

    const rendered = renderValidationErrors(realErrors(), "problem", { instance: "/items/0" });
    expect(rendered.headers).toContainEqual(["content-type", "application/problem+json"]);
    const validate = compileAgainst(doc, schema);
    expect(validate(JSON.parse(rendered.body)), JSON.stringify(validate.errors)).toBe(true);
    // The FastAPI shape is not what this app sends, and the document says so.
    const fastapi = renderValidationErrors(realErrors(), "fastapi", { instance: "/items/0" });
    expect(validate(JSON.parse(fastapi.body))).toBe(false);
  });

  it("a custom format documents its own schema, media type and components", async () => {
    const doc = buildOpenAPI(
      api([itemRoute], {
        errorFormat: {
          mediaType: "application/vnd.errors+json",
          schema: { $ref: "#/components/schemas/Errors" },
          components: {
            Errors: {
              type: "object",
              properties: { errors: { type: "array" } },
              required: ["errors"],
            },
          },
        },
      }),
    );
    await expectValidDocument(doc);
    expect(the422(doc).content).toEqual({
      "application/vnd.errors+json": { schema: { $ref: "#/components/schemas/Errors" } },
    });
    expect(doc.components?.schemas?.Errors).toBeDefined();
    expect(doc.components?.schemas).not.toHaveProperty("HTTPValidationError");
  });

  it("only operations that validate input get it; the components appear only then", async () => {
    const doc = buildOpenAPI(
      api([{ method: "GET", path: "/health", name: "health", validatesInput: false }]),
    );
    await expectValidDocument(doc);
    expect(Object.keys(doc.paths["/health"]!.get!.responses)).toEqual(["200"]);
    expect(doc.components).toBeUndefined();
  });

  it("a declared 422, 4XX or default response is kept instead", async () => {
    for (const status of [422, "4XX", "default"] as const) {
      const doc = buildOpenAPI(
        api([
          {
            ...itemRoute,
            responses: [
              { status: 200 },
              { status, description: "Mine", jsonSchema: { type: "object" } },
            ],
          },
        ]),
      );
      await expectValidDocument(doc);
      const responses = doc.paths["/items/{item_id}"]!.put!.responses;
      expect(Object.keys(responses)).toEqual(["200", String(status)]);
      expect(responses[String(status)]).toMatchObject({ description: "Mine" });
      expect(doc.components).toBeUndefined();
    }
  });

  it("refuses an unknown error format", () => {
    expect(() => buildOpenAPI(api([itemRoute], { errorFormat: "xml" as never }))).toThrow(
      expect.objectContaining({ code: "INVALID_DESCRIPTION" }),
    );
  });
});
