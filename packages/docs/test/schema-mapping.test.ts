import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { bodySchema, compileAgainst, responseSchema } from "./helpers";

describe("schema mapping", () => {
  it("unions become anyOf", async () => {
    const { schema } = await bodySchema(v.union([v.string(), v.number()]));
    expect(schema).toEqual({ anyOf: [{ type: "string" }, { type: "number" }] });
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

  it("a transform is documented by its input in requests and its final schema in responses", async () => {
    const Cents = v.pipe(v.string(), v.transform(Number), v.number());
    expect((await bodySchema(Cents)).schema).toEqual({ type: "string" });
    expect((await responseSchema(Cents)).schema).toEqual({ type: "number" });
  });

  it("files become binary strings", async () => {
    const { schema } = await bodySchema(v.object({ upload: v.file() }));
    expect(schema).toMatchObject({ properties: { upload: { type: "string", format: "binary" } } });
  });
});
