import { named } from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { buildOpenAPI, type ParameterDescription } from "../src/index";
import { api, buildOne } from "./helpers";

function parametersOf(parameters: ParameterDescription[], path = "/t") {
  const doc = buildOpenAPI(api([{ method: "GET", path, name: "t", parameters }]));
  return doc.paths[path.replace(":path", "")]!.get!.parameters as Record<string, unknown>[];
}

describe("parameters", () => {
  it("derive required from the schema; path parameters are always required", async () => {
    const params = parametersOf(
      [
        { in: "path", name: "id", schema: v.optional(v.number()) },
        { in: "query", name: "q", schema: v.string() },
        { in: "query", name: "limit", schema: v.optional(v.number(), 10) },
        { in: "query", name: "sort", schema: v.nullish(v.string()) },
        { in: "header", name: "x-token", schema: v.string(), required: false },
      ],
      "/t/{id}",
    );
    expect(params.map((p) => [p.in, p.name, p.required])).toEqual([
      ["path", "id", true],
      ["query", "q", true],
      ["query", "limit", false],
      ["query", "sort", false],
      ["header", "x-token", false],
    ]);
    expect(params[2]!.schema).toEqual({ type: "number", default: 10 });
  });

  it("write array query parameters with style form, explode true (repeated keys)", async () => {
    const params = parametersOf([
      { in: "query", name: "tag", schema: v.optional(v.array(v.string()), []) },
      { in: "query", name: "one", schema: v.string() },
      { in: "header", name: "x-list", schema: v.array(v.string()) },
    ]);
    expect(params[0]).toEqual({
      name: "tag",
      in: "query",
      required: false,
      schema: { type: "array", items: { type: "string" }, default: [] },
      style: "form",
      explode: true,
    });
    expect(params[1]).not.toHaveProperty("style");
    expect(params[2]).not.toHaveProperty("style");
  });

  it("carry description, title, examples and deprecated", async () => {
    const { operation } = await buildOne({
      parameters: [
        {
          in: "query",
          name: "item-query",
          schema: v.pipe(v.string(), v.minLength(3)),
          title: "Query string",
          description: "Search text",
          examples: ["pen", "cup"],
          deprecated: true,
        },
      ],
    });
    expect(operation.parameters![0]).toEqual({
      name: "item-query",
      in: "query",
      required: true,
      schema: {
        type: "string",
        minLength: 3,
        title: "Query string",
        description: "Search text",
        examples: ["pen", "cup"],
      },
      description: "Search text",
      deprecated: true,
    });
  });

  it("list each (in, name) once, the required entry winning (FastAPI)", async () => {
    const params = parametersOf([
      { in: "header", name: "x-block", schema: v.optional(v.string()) },
      { in: "query", name: "x-block", schema: v.string() },
      { in: "header", name: "X-Block", schema: v.string(), description: "required one" },
      { in: "header", name: "x-block", schema: v.optional(v.string()) },
    ]);
    expect(params.map((p) => [p.in, p.name, p.required])).toEqual([
      ["header", "X-Block", true],
      ["query", "x-block", true],
    ]);
  });

  it("refuse an unknown location, a missing name, a non-schema", () => {
    for (const bad of [
      { in: "body", name: "x", schema: v.string() },
      { in: "query", name: "", schema: v.string() },
      { in: "query", name: "x", schema: { type: "string" } },
    ]) {
      expect(() => parametersOf([bad as never])).toThrow(
        expect.objectContaining({ code: "INVALID_DESCRIPTION" }),
      );
    }
  });
});

describe("request bodies", () => {
  it("JSON: the schema's input form; required unless the schema accepts absence", async () => {
    const Item = named("Item", v.object({ name: v.string() }));
    const { operation } = await buildOne({
      method: "POST",
      requestBody: { content: [{ mediaType: "application/json", schema: Item }] },
    });
    expect(operation.requestBody).toEqual({
      content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
      required: true,
    });
    const optional = await buildOne({
      method: "POST",
      requestBody: {
        description: "Optional item",
        content: [{ mediaType: "application/json", schema: v.optional(Item) }],
      },
    });
    expect(optional.operation.requestBody).toMatchObject({
      description: "Optional item",
      required: false,
    });
  });

  it("several media types, and raw JSON Schema", async () => {
    const { operation } = await buildOne({
      method: "POST",
      requestBody: {
        content: [
          { mediaType: "application/json", schema: v.object({ a: v.string() }) },
          {
            mediaType: "application/octet-stream",
            jsonSchema: { type: "string", format: "binary" },
          },
        ],
      },
    });
    expect(Object.keys((operation.requestBody as { content: object }).content)).toEqual([
      "application/json",
      "application/octet-stream",
    ]);
  });

  it("multipart: fields and files in a Body_<operationId> component (FastAPI's shape)", async () => {
    const { doc, operation } = await buildOne({
      method: "POST",
      path: "/upload",
      name: "create_upload",
      requestBody: {
        content: {
          mediaType: "multipart/form-data",
          fields: [
            { name: "token", schema: v.string(), description: "Form token" },
            { name: "file", schema: v.file(), file: true },
            { name: "extras", schema: v.optional(v.array(v.file())), file: "many" },
          ],
        },
      },
    });
    expect(operation.operationId).toBe("create_upload_upload_post");
    expect(operation.requestBody).toEqual({
      content: {
        "multipart/form-data": {
          schema: { $ref: "#/components/schemas/Body_create_upload_upload_post" },
        },
      },
      required: true,
    });
    expect(doc.components?.schemas?.Body_create_upload_upload_post).toEqual({
      title: "Body_create_upload_upload_post",
      type: "object",
      properties: {
        token: { type: "string", description: "Form token" },
        file: { type: "string", format: "binary" },
        extras: { type: "array", items: { type: "string", format: "binary" } },
      },
      required: ["token", "file"],
    });
  });

  it("urlencoded forms and embedded JSON bodies use the same component shape", async () => {
    const { doc, operation } = await buildOne({
      method: "POST",
      path: "/token",
      name: "login",
      requestBody: {
        content: {
          mediaType: "application/x-www-form-urlencoded",
          fields: [
            { name: "username", schema: v.string() },
            { name: "password", schema: v.string() },
            { name: "scope", schema: v.optional(v.string(), "") },
          ],
        },
      },
    });
    expect(operation.requestBody).toMatchObject({
      content: { "application/x-www-form-urlencoded": {} },
      required: true,
    });
    expect(doc.components?.schemas?.Body_login_token_post).toMatchObject({
      required: ["username", "password"],
      properties: { scope: { type: "string", default: "" } },
    });
    const Item = named("Item", v.object({ name: v.string() }));
    const embedded = await buildOne({
      method: "PUT",
      path: "/items",
      name: "update",
      requestBody: {
        content: {
          mediaType: "application/json",
          fields: [
            { name: "item", schema: Item },
            { name: "importance", schema: v.optional(v.number()) },
          ],
        },
      },
    });
    expect(embedded.doc.components?.schemas?.Body_update_items_put).toEqual({
      title: "Body_update_items_put",
      type: "object",
      properties: { item: { $ref: "#/components/schemas/Item" }, importance: { type: "number" } },
      required: ["item"],
    });
  });

  it("a form with only optional fields is not required", async () => {
    const { operation } = await buildOne({
      method: "POST",
      requestBody: {
        content: {
          mediaType: "application/x-www-form-urlencoded",
          fields: [{ name: "note", schema: v.optional(v.string()) }],
        },
      },
    });
    expect(operation.requestBody).toMatchObject({ required: false });
  });

  it("refuse empty content, duplicate fields and bad media types", () => {
    const post = (requestBody: object) => () =>
      buildOpenAPI(
        api([{ method: "POST", path: "/x", name: "x", requestBody: requestBody as never }]),
      );
    expect(post({ content: [] })).toThrow("POST /x: request body lists no media type");
    expect(
      post({
        content: {
          mediaType: "multipart/form-data",
          fields: [
            { name: "a", schema: v.string() },
            { name: "a", schema: v.string() },
          ],
        },
      }),
    ).toThrow('field "a" appears twice');
    expect(post({ content: [{ mediaType: "json", schema: v.string() }] })).toThrow(
      /invalid media type "json"/,
    );
  });
});
