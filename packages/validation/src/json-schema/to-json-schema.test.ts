import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { named } from "../naming";
import { JsonSchemaError } from "./errors";
import { toJsonSchema } from "./to-json-schema";

const input = (schema: v.GenericSchema) =>
  toJsonSchema(schema, { io: "input", definitions: new Map() });
const output = (schema: v.GenericSchema) =>
  toJsonSchema(schema, { io: "output", definitions: new Map() });

describe("toJsonSchema: mappings", () => {
  it("object: properties and required", () => {
    expect(input(v.object({ a: v.string(), b: v.number() }))).toEqual({
      type: "object",
      properties: { a: { type: "string" }, b: { type: "number" } },
      required: ["a", "b"],
    });
    expect(input(v.object({ a: v.optional(v.string()) }))).toEqual({
      type: "object",
      properties: { a: { type: "string" } },
    });
    expect(input(v.strictObject({ a: v.string() }))).toMatchObject({ additionalProperties: false });
    expect(input(v.objectWithRest({}, v.number()))).toMatchObject({
      additionalProperties: { type: "number" },
    });
  });

  it("optional/default: optional on input, required on output; optional without default stays optional", () => {
    const schema = v.object({
      page: v.optional(v.number(), 1),
      note: v.nullish(v.string()),
      tag: v.optional(v.string()),
      theme: v.nullable(v.string(), "light"),
    });
    expect(input(schema)).toEqual({
      type: "object",
      properties: {
        page: { type: "number", default: 1 },
        note: { anyOf: [{ type: "string" }, { type: "null" }], default: null },
        tag: { type: "string" },
        theme: { anyOf: [{ type: "string" }, { type: "null" }], default: "light" },
      },
    });
    expect(output(schema)).toMatchObject({ required: ["page", "note", "theme"] });
  });

  it("nullable", () => {
    expect(input(v.nullable(v.number()))).toEqual({
      anyOf: [{ type: "number" }, { type: "null" }],
    });
  });

  it("picklist, enum, literal", () => {
    expect(input(v.picklist(["red", "green"]))).toEqual({ type: "string", enum: ["red", "green"] });
    expect(input(v.enum({ A: 1, B: 2 }))).toEqual({ type: "number", enum: [1, 2] });
    expect(input(v.literal("auto"))).toEqual({ const: "auto" });
  });

  it("union and variant", () => {
    expect(input(v.union([v.number(), v.literal("auto")]))).toEqual({
      anyOf: [{ type: "number" }, { const: "auto" }],
    });
    const pet = v.variant("kind", [
      v.object({ kind: v.literal("cat") }),
      v.object({ kind: v.literal("dog") }),
    ]);
    expect(input(pet)).toEqual({
      oneOf: [
        { type: "object", properties: { kind: { const: "cat" } }, required: ["kind"] },
        { type: "object", properties: { kind: { const: "dog" } }, required: ["kind"] },
      ],
    });
  });

  it("array, record, tuple", () => {
    expect(input(v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(3)))).toEqual({
      type: "array",
      items: { type: "string" },
      minItems: 1,
      maxItems: 3,
    });
    expect(input(v.record(v.string(), v.number()))).toEqual({
      type: "object",
      propertyNames: { type: "string" },
      additionalProperties: { type: "number" },
    });
    expect(input(v.record(v.picklist(["a", "b"]), v.number()))).toEqual({
      type: "object",
      propertyNames: { type: "string", enum: ["a", "b"] },
      additionalProperties: { type: "number" },
    });
    expect(input(v.tuple([v.string(), v.number()]))).toEqual({
      type: "array",
      prefixItems: [{ type: "string" }, { type: "number" }],
      minItems: 2,
    });
  });

  it("date → date-time string; bigint → integer; file → binary", () => {
    expect(input(v.date())).toEqual({ type: "string", format: "date-time" });
    expect(
      input(
        v.pipe(v.date(), v.minValue(new Date("2024-01-01")), v.ltValue(new Date("2025-01-01"))),
      ),
    ).toEqual({
      type: "string",
      format: "date-time",
      formatMinimum: "2024-01-01T00:00:00.000Z",
      formatExclusiveMaximum: "2025-01-01T00:00:00.000Z",
    });
    expect(input(v.pipe(v.bigint(), v.minValue(1n), v.maxValue(9n)))).toEqual({
      type: "integer",
      format: "int64",
      minimum: 1,
      maximum: 9,
    });
    expect(input(v.file())).toEqual({ type: "string", format: "binary" });
  });

  it("min/max, integer, string length, pattern, formats", () => {
    expect(input(v.pipe(v.number(), v.integer(), v.gtValue(0), v.maxValue(1000)))).toEqual({
      type: "integer",
      exclusiveMinimum: 0,
      maximum: 1000,
    });
    expect(input(v.pipe(v.string(), v.minLength(2), v.maxLength(10), v.regex(/^[a-z]+$/)))).toEqual(
      {
        type: "string",
        minLength: 2,
        maxLength: 10,
        pattern: "^[a-z]+$",
      },
    );
    expect(input(v.pipe(v.string(), v.uuid()))).toEqual({ type: "string", format: "uuid" });
    expect(input(v.pipe(v.string(), v.isoDate()))).toEqual({ type: "string", format: "date" });
    expect(input(v.pipe(v.string(), v.email()))).toEqual({ type: "string", format: "email" });
  });

  it("a second pattern joins an allOf; a case-insensitive one is left out; v.check is left out", () => {
    expect(input(v.pipe(v.string(), v.regex(/^a/), v.regex(/b$/)))).toEqual({
      type: "string",
      pattern: "^a",
      allOf: [{ pattern: "b$" }],
    });
    expect(input(v.pipe(v.string(), v.regex(/^abc$/i)))).toEqual({ type: "string" });
    expect(input(v.pipe(v.string(), v.regex(/^abc$/u)))).toEqual({
      type: "string",
      pattern: "^abc$",
    });
    expect(
      input(
        v.pipe(
          v.string(),
          v.check((s) => s.length > 1),
        ),
      ),
    ).toEqual({ type: "string" });
    expect(input(v.pipe(v.string(), v.regex(/^a/), v.startsWith("a")))).toEqual({
      type: "string",
      pattern: "^a",
    });
  });

  it("metadata: title, description, examples", () => {
    expect(
      input(v.pipe(v.string(), v.title("Name"), v.description("The name"), v.examples(["ann"]))),
    ).toEqual({
      type: "string",
      title: "Name",
      description: "The name",
      examples: ["ann"],
    });
  });
});

describe("toJsonSchema: transforms", () => {
  const Code = v.pipe(v.string(), v.transform(Number), v.number());

  it("input side for requests, the pipe's last schema for responses", () => {
    expect(input(Code)).toEqual({ type: "string" });
    expect(output(Code)).toEqual({ type: "number" });
  });

  it("a type-preserving transform documents the same both ways", () => {
    const Trimmed = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1));
    expect(input(Trimmed)).toEqual({ type: "string", minLength: 1 });
    expect(output(Trimmed)).toEqual({ type: "string", minLength: 1 });
  });

  it("an output that cannot be described is reported with its path", () => {
    const schema = v.object({ nested: v.object({ n: v.pipe(v.string(), v.transform(Number)) }) });
    expect(input(schema)).toMatchObject({
      properties: { nested: { properties: { n: { type: "string" } } } },
    });
    expect(() => output(schema)).toThrow(JsonSchemaError);
    expect(() => output(schema)).toThrow(/"transform" transformation at \$\.nested\.n/);
  });
});

describe("toJsonSchema: inexpressible schemas are reported, never {}", () => {
  it.each([
    ["instance", v.object({ when: v.instance(Date) }), /"instance" schema at \$\.when/],
    ["custom", v.array(v.custom(() => true)), /"custom" schema at \$\[\]/],
    ["symbol", v.union([v.string(), v.symbol()]), /"symbol" schema at \$<option 1>/],
    ["map", v.map(v.string(), v.number()), /"map" schema at \$/],
  ])("%s", (_label, schema, message) => {
    expect(() => input(schema)).toThrow(message);
  });

  it("an override can supply what the converter cannot express", () => {
    const schema = v.object({ when: v.instance(Date) });
    const json = toJsonSchema(schema, {
      io: "input",
      override: (s) =>
        (s as { type: string }).type === "instance"
          ? { type: "string", format: "date-time" }
          : undefined,
    });
    expect(json).toMatchObject({ properties: { when: { type: "string", format: "date-time" } } });
  });

  it("any/unknown are legitimately unconstrained", () => {
    expect(input(v.object({ a: v.any() }))).toEqual({
      type: "object",
      properties: { a: {} },
      required: ["a"],
    });
  });
});

describe("toJsonSchema: named schemas and $ref", () => {
  it("named schemas land in the definitions map and are referenced", () => {
    const Dimensions = named("Dimensions", v.object({ width: v.number() }));
    const Item = named("ItemA", v.object({ name: v.string(), dims: v.nullable(Dimensions) }));
    const definitions = new Map<string, object>();
    expect(toJsonSchema(v.array(Item), { io: "input", definitions })).toEqual({
      type: "array",
      items: { $ref: "#/components/schemas/ItemA" },
    });
    expect(Object.fromEntries(definitions)).toEqual({
      ItemA: {
        type: "object",
        properties: {
          name: { type: "string" },
          dims: { anyOf: [{ $ref: "#/components/schemas/Dimensions" }, { type: "null" }] },
        },
        required: ["name", "dims"],
      },
      Dimensions: {
        type: "object",
        properties: { width: { type: "number" } },
        required: ["width"],
      },
    });
    // The same schema in the output direction reuses the same names (its forms do not differ).
    expect(toJsonSchema(Item, { io: "output", definitions })).toEqual({
      $ref: "#/components/schemas/ItemA",
    });
    expect([...definitions.keys()].sort()).toEqual(["Dimensions", "ItemA"]);
  });

  it("input and output forms that differ get -Input/-Output names (or one name when separateIo is false)", () => {
    const Page = named("Page", v.object({ size: v.optional(v.number(), 10) }));
    const Wrapper = named("Wrapper", v.object({ page: Page }));
    const definitions = new Map<string, object>();
    toJsonSchema(Wrapper, { io: "input", definitions });
    toJsonSchema(Wrapper, { io: "output", definitions });
    expect([...definitions.keys()].sort()).toEqual([
      "Page-Input",
      "Page-Output",
      "Wrapper-Input",
      "Wrapper-Output",
    ]);
    expect(definitions.get("Page-Input")).not.toHaveProperty("required");
    expect(definitions.get("Page-Output")).toMatchObject({ required: ["size"] });
    expect(definitions.get("Wrapper-Output")).toMatchObject({
      properties: { page: { $ref: "#/components/schemas/Page-Output" } },
    });

    const single = new Map<string, object>();
    expect(toJsonSchema(Page, { io: "input", definitions: single, separateIo: false })).toEqual({
      $ref: "#/components/schemas/Page",
    });
  });

  it("recursive schemas via v.lazy reference themselves", () => {
    type Node = { name: string; children: Node[] };
    const TreeNode: v.GenericSchema<Node> = named(
      "TreeNode",
      v.object({ name: v.string(), children: v.array(v.lazy(() => TreeNode)) }),
    );
    const definitions = new Map<string, object>();
    expect(toJsonSchema(TreeNode, { io: "output", definitions })).toEqual({
      $ref: "#/components/schemas/TreeNode",
    });
    expect(definitions.get("TreeNode")).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        children: { type: "array", items: { $ref: "#/components/schemas/TreeNode" } },
      },
      required: ["name", "children"],
    });
  });

  it("a recursive schema that differs by io is split, references included", () => {
    type Node = { children: Node[]; n?: number };
    const Cat: v.GenericSchema<Node> = named(
      "Category",
      v.object({ n: v.optional(v.number(), 0), children: v.array(v.lazy(() => Cat)) }),
    );
    const definitions = new Map<string, object>();
    toJsonSchema(Cat, { io: "output", definitions });
    expect(definitions.get("Category-Output")).toMatchObject({
      properties: { children: { items: { $ref: "#/components/schemas/Category-Output" } } },
    });
  });

  it("an unnamed recursive schema must be named in OpenAPI mode; standalone it uses $defs", () => {
    type Node = { children: Node[] };
    const Anon: v.GenericSchema<Node> = v.object({ children: v.array(v.lazy(() => Anon)) });
    expect(() => input(Anon)).toThrow(/must be named/);
    const standalone = toJsonSchema(Anon, { io: "input" }) as Record<string, unknown>;
    expect(standalone.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(standalone.$defs).toBeDefined();
  });

  it("standalone mode keeps $defs refs for named schemas", () => {
    const Named = named("Standalone", v.object({ a: v.string() }));
    expect(toJsonSchema(v.object({ x: Named }), { io: "input" })).toMatchObject({
      properties: { x: { $ref: "#/$defs/Standalone" } },
      $defs: { Standalone: { type: "object" } },
    });
  });

  it("two different schemas with one name are an error", () => {
    const A = named("Dup", v.object({ a: v.string() }));
    const B = named("Dup", v.object({ b: v.string() }));
    expect(() => input(v.object({ a: A, b: B }))).toThrow(/Two different schemas are named "Dup"/);
    const definitions = new Map<string, object>();
    toJsonSchema(A, { io: "input", definitions });
    expect(() => toJsonSchema(B, { io: "input", definitions })).toThrow(
      /Two different schemas are named "Dup"/,
    );
  });
});
