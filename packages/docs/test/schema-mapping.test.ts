import { named } from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { buildOpenAPI, OpenAPIError } from "../src/index";
import { api, buildOne, compileAgainst, expectValidDocument } from "./helpers";

/** The documented request-body schema of `schema` and the document's components. */
async function bodySchema(schema: v.GenericSchema) {
  const { doc, operation } = await buildOne({
    method: "POST",
    requestBody: { content: [{ mediaType: "application/json", schema }] },
  });
  const body = operation.requestBody as { content: Record<string, { schema: object }> };
  return { schema: body.content["application/json"]!.schema, doc };
}

/** The documented 200 response schema of `schema` (output form). */
async function responseSchema(schema: v.GenericSchema) {
  const { doc, operation } = await buildOne({ responses: [{ status: 200, schema }] });
  const ok = operation.responses["200"] as { content: Record<string, { schema: object }> };
  return { schema: ok.content["application/json"]!.schema, doc };
}

describe("schema mapping", () => {
  it("unions become anyOf", async () => {
    const { schema } = await bodySchema(v.union([v.string(), v.number()]));
    expect(schema).toEqual({ anyOf: [{ type: "string" }, { type: "number" }] });
  });

  it("variants of named options become oneOf with a discriminator mapping", async () => {
    const Cat = named("Cat", v.object({ pet_type: v.literal("cat"), meows: v.number() }));
    const Dog = named("Dog", v.object({ pet_type: v.literal("dog"), barks: v.number() }));
    const { schema, doc } = await bodySchema(v.variant("pet_type", [Cat, Dog]));
    expect(schema).toEqual({
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
      discriminator: {
        propertyName: "pet_type",
        mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" },
      },
    });
    const validate = compileAgainst(doc, schema);
    expect(validate({ pet_type: "cat", meows: 3 })).toBe(true);
    expect(validate({ pet_type: "dog", meows: 3 })).toBe(false);
  });

  it("variants with inline options stay a plain oneOf of consts", async () => {
    const { schema } = await bodySchema(
      v.variant("kind", [
        v.object({ kind: v.literal("a"), x: v.string() }),
        v.object({ kind: v.literal("b"), y: v.string() }),
      ]),
    );
    expect(schema).toMatchObject({
      oneOf: [{ properties: { kind: { const: "a" } } }, { properties: { kind: { const: "b" } } }],
    });
    expect(schema).not.toHaveProperty("discriminator");
  });

  it("discriminators follow -Input/-Output names", async () => {
    const A = named("A", v.object({ t: v.literal("a"), n: v.optional(v.number(), 1) }));
    const B = named("B", v.object({ t: v.literal("b") }));
    const Event = v.variant("t", [A, B]);
    const { operation } = await buildOne({
      method: "POST",
      requestBody: { content: [{ mediaType: "application/json", schema: Event }] },
      responses: [{ status: 200, schema: Event }],
    });
    const body = operation.requestBody as { content: Record<string, { schema: object }> };
    expect(body.content["application/json"]!.schema).toMatchObject({
      discriminator: {
        propertyName: "t",
        mapping: { a: "#/components/schemas/A-Input", b: "#/components/schemas/B" },
      },
    });
    expect(operation.responses["200"]).toMatchObject({
      content: {
        "application/json": {
          schema: {
            discriminator: {
              mapping: { a: "#/components/schemas/A-Output", b: "#/components/schemas/B" },
            },
          },
        },
      },
    });
  });

  it("a schema whose forms differ keeps its plain name when only one form is used", async () => {
    const Item = named("Item", v.object({ name: v.string(), tax: v.optional(v.number(), 0) }));
    const { schema, doc } = await responseSchema(Item);
    expect(schema).toEqual({ $ref: "#/components/schemas/Item" });
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(["Item"]);
    expect(doc.components?.schemas?.Item).toMatchObject({ required: ["name", "tax"] });
    // A name the user chose is never shortened.
    const Odd = named("Odd-Input", v.object({ a: v.string() }));
    expect(Object.keys((await bodySchema(Odd)).doc.components?.schemas ?? {})).toEqual([
      "Odd-Input",
    ]);
  });

  it("nullable becomes anyOf with null", async () => {
    const { schema } = await bodySchema(v.object({ note: v.nullable(v.string()) }));
    expect(schema).toEqual({
      type: "object",
      properties: { note: { anyOf: [{ type: "string" }, { type: "null" }] } },
      required: ["note"],
    });
  });

  it("nullish keys are optional in requests and present (possibly null) in responses", async () => {
    const Thing = v.object({ note: v.nullish(v.string()) });
    expect((await bodySchema(Thing)).schema).not.toHaveProperty("required");
    expect((await responseSchema(Thing)).schema).toMatchObject({ required: ["note"] });
  });

  it("picklists and enums become enum", async () => {
    enum Color {
      Red = "red",
      Blue = "blue",
    }
    const { schema } = await bodySchema(
      v.object({ size: v.picklist(["s", "m", "l"]), color: v.enum(Color) }),
    );
    expect(schema).toMatchObject({
      properties: {
        size: { type: "string", enum: ["s", "m", "l"] },
        color: { type: "string", enum: ["red", "blue"] },
      },
    });
  });

  it("literals become const", async () => {
    const { schema } = await bodySchema(v.object({ version: v.literal(2), kind: v.literal("x") }));
    expect(schema).toMatchObject({
      properties: { version: { const: 2 }, kind: { const: "x" } },
    });
  });

  it("records become additionalProperties (with propertyNames)", async () => {
    const { schema } = await bodySchema(v.record(v.pipe(v.string(), v.minLength(2)), v.number()));
    expect(schema).toEqual({
      type: "object",
      propertyNames: { type: "string", minLength: 2 },
      additionalProperties: { type: "number" },
    });
  });

  it("tuples become prefixItems", async () => {
    const { schema, doc } = await bodySchema(v.tuple([v.string(), v.number()]));
    expect(schema).toMatchObject({
      type: "array",
      prefixItems: [{ type: "string" }, { type: "number" }],
      minItems: 2,
    });
    expect(compileAgainst(doc, schema)(["a", 1])).toBe(true);
    expect(compileAgainst(doc, schema)([1, "a"])).toBe(false);
  });

  it("dates become date-time strings; ISO date strings keep their format", async () => {
    const { schema } = await bodySchema(
      v.object({ at: v.date(), day: v.pipe(v.string(), v.isoDate()) }),
    );
    expect(schema).toMatchObject({
      properties: {
        at: { type: "string", format: "date-time" },
        day: { type: "string", format: "date" },
      },
    });
  });

  it("min/max and integer bounds become minimum/maximum/exclusive*", async () => {
    const { schema } = await bodySchema(
      v.object({
        qty: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
        price: v.pipe(v.number(), v.gtValue(0), v.ltValue(1000)),
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(50)),
        tags: v.pipe(v.array(v.string()), v.maxLength(3)),
      }),
    );
    expect(schema).toMatchObject({
      properties: {
        qty: { type: "integer", minimum: 1, maximum: 10 },
        price: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1000 },
        name: { type: "string", minLength: 1, maxLength: 50 },
        tags: { type: "array", maxItems: 3 },
      },
    });
  });

  it("patterns become pattern", async () => {
    const { schema, doc } = await bodySchema(v.pipe(v.string(), v.regex(/^[a-z]+-\d+$/)));
    expect(schema).toEqual({ type: "string", pattern: "^[a-z]+-\\d+$" });
    expect(compileAgainst(doc, schema)("ab-12")).toBe(true);
    expect(compileAgainst(doc, schema)("AB")).toBe(false);
  });

  it("defaults become default, and keys with defaults are optional in requests", async () => {
    const { schema } = await bodySchema(
      v.object({ name: v.string(), tax: v.optional(v.number(), 0.1) }),
    );
    expect(schema).toEqual({
      type: "object",
      properties: { name: { type: "string" }, tax: { type: "number", default: 0.1 } },
      required: ["name"],
    });
  });

  it("examples, descriptions and titles come from metadata", async () => {
    const { schema } = await bodySchema(
      v.object({
        name: v.pipe(
          v.string(),
          v.title("Name"),
          v.description("The item's name"),
          v.examples(["Pen", "Cup"]),
        ),
      }),
    );
    expect(schema).toMatchObject({
      properties: {
        name: { title: "Name", description: "The item's name", examples: ["Pen", "Cup"] },
      },
    });
  });

  it("recursive (lazy) named schemas are referenced from their own component", async () => {
    type Category = { name: string; children: Category[] };
    const Category: v.GenericSchema<Category> = named(
      "Category",
      v.object({ name: v.string(), children: v.array(v.lazy(() => Category)) }),
    );
    const { schema, doc } = await bodySchema(Category);
    expect(schema).toEqual({ $ref: "#/components/schemas/Category" });
    expect(doc.components?.schemas?.Category).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        children: { type: "array", items: { $ref: "#/components/schemas/Category" } },
      },
      required: ["name", "children"],
    });
    const validate = compileAgainst(doc, schema);
    expect(validate({ name: "a", children: [{ name: "b", children: [] }] })).toBe(true);
    expect(validate({ name: "a", children: [{ name: 1, children: [] }] })).toBe(false);
  });

  it("a recursive variant gets its discriminator without looping", async () => {
    type Expr = { op: "num"; value: number } | { op: "neg"; arg: Expr };
    const Num = named("Num", v.object({ op: v.literal("num"), value: v.number() }));
    const Neg: v.GenericSchema<Extract<Expr, { op: "neg" }>> = named(
      "Neg",
      v.object({ op: v.literal("neg"), arg: v.lazy(() => Expr) }),
    );
    const Expr: v.GenericSchema<Expr> = named("Expr", v.variant("op", [Num, Neg as never]));
    const { doc } = await bodySchema(Expr);
    expect(doc.components?.schemas?.Expr).toMatchObject({
      discriminator: { propertyName: "op", mapping: { num: "#/components/schemas/Num" } },
    });
  });

  it("input and output variants get distinct names only when they differ", async () => {
    const Item = named("Item", v.object({ name: v.string(), tax: v.optional(v.number(), 0) }));
    const Plain = named("Plain", v.object({ id: v.number() }));
    const doc = buildOpenAPI(
      api([
        {
          method: "POST",
          path: "/items",
          name: "create_item",
          requestBody: { content: [{ mediaType: "application/json", schema: Item }] },
          responses: [
            { status: 201, schema: Item },
            { status: 202, schema: Plain },
          ],
        },
      ]),
    );
    await expectValidDocument(doc);
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual([
      "Item-Input",
      "Item-Output",
      "Plain",
    ]);
    expect(doc.components?.schemas?.["Item-Input"]).toMatchObject({ required: ["name"] });
    expect(doc.components?.schemas?.["Item-Output"]).toMatchObject({ required: ["name", "tax"] });
  });

  it("separateInputOutputSchemas: false keeps one name", async () => {
    const Item = named("Item", v.object({ name: v.string(), tax: v.optional(v.number(), 0) }));
    const doc = buildOpenAPI(
      api([
        {
          method: "POST",
          path: "/items",
          name: "create_item",
          requestBody: { content: [{ mediaType: "application/json", schema: Item }] },
        },
      ]),
      { separateInputOutputSchemas: false },
    );
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(["Item"]);
  });

  it("a transform is documented by its input in requests and its final schema in responses", async () => {
    const Cents = v.pipe(v.string(), v.transform(Number), v.number());
    expect((await bodySchema(Cents)).schema).toEqual({ type: "string" });
    expect((await responseSchema(Cents)).schema).toEqual({ type: "number" });
  });

  it("an inexpressible schema throws, naming the operation and the location", () => {
    const build = (op: object) => () =>
      buildOpenAPI(api([{ method: "GET", path: "/things/{id}", name: "get_thing", ...op }]));
    const idParam = { in: "path" as const, name: "id", schema: v.string() };
    expect(
      build({
        parameters: [idParam, { in: "query", name: "when", schema: v.custom(() => true) }],
      }),
    ).toThrow(/^GET \/things\/\{id\}: query parameter "when": Cannot express the "custom" schema/);
    expect(
      build({
        parameters: [idParam],
        responses: [{ status: 200, schema: v.pipe(v.string(), v.transform(Number)) }],
      }),
    ).toThrow(/^GET \/things\/\{id\}: response 200: Cannot describe the output/);
    try {
      build({
        parameters: [idParam],
        requestBody: {
          content: [{ mediaType: "application/json", schema: v.object({ at: v.instance(Date) }) }],
        },
      })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OpenAPIError);
      expect((error as OpenAPIError).code).toBe("UNEXPRESSIBLE_SCHEMA");
      expect((error as Error).message).toContain("request body (application/json)");
      expect((error as Error).message).toContain("$.at");
    }
  });

  it("two different schemas with one name are a COMPONENT_CONFLICT", () => {
    const A = named("Thing", v.object({ a: v.string() }));
    const B = named("Thing", v.object({ b: v.string() }));
    const build = () =>
      buildOpenAPI(
        api([
          { method: "GET", path: "/a", name: "a", responses: [{ status: 200, schema: A }] },
          { method: "GET", path: "/b", name: "b", responses: [{ status: 200, schema: B }] },
        ]),
      );
    expect(build).toThrow(expect.objectContaining({ code: "COMPONENT_CONFLICT" }));
    expect(build).toThrow(/GET \/b: response 200: Two different schemas are named "Thing"/);
  });

  it("a named schema cannot take the name of a built-in component", () => {
    const Fake = named("HTTPValidationError", v.object({ oops: v.string() }));
    expect(() =>
      buildOpenAPI(
        api([
          {
            method: "POST",
            path: "/x",
            name: "x",
            validatesInput: true,
            requestBody: { content: [{ mediaType: "application/json", schema: Fake }] },
          },
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: "COMPONENT_CONFLICT" }));
  });

  it("files become binary strings", async () => {
    const { schema } = await bodySchema(v.object({ upload: v.file() }));
    expect(schema).toMatchObject({ properties: { upload: { type: "string", format: "binary" } } });
  });
});
