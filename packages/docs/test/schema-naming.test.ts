import { named } from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { buildOpenAPI, OpenAPIError } from "../src/index";
import {
  api,
  bodySchema,
  buildOne,
  compileAgainst,
  expectValidDocument,
  responseSchema,
} from "./helpers";

describe("named schemas, discriminators and errors", () => {
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
});
