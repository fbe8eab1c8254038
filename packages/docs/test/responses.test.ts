import { named } from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { buildOpenAPI } from "../src/index";
import { api, buildOne } from "./helpers";

describe("responses", () => {
  it("default to 200 Successful Response with any JSON", async () => {
    const { operation } = await buildOne({});
    expect(operation.responses).toEqual({
      "200": {
        description: "Successful Response",
        content: { "application/json": { schema: {} } },
      },
    });
  });

  it("document the route's status and response schema in its output form", async () => {
    const User = named(
      "User",
      v.object({ id: v.number(), nickname: v.optional(v.string(), "anon") }),
    );
    const { doc, operation } = await buildOne({
      method: "POST",
      responses: [{ status: 201, schema: User }],
    });
    expect(operation.responses).toEqual({
      "201": {
        description: "Successful Response",
        content: { "application/json": { schema: { $ref: "#/components/schemas/User" } } },
      },
    });
    // Only the output form is used, so it keeps the plain name (FastAPI).
    expect(doc.components?.schemas?.User).toMatchObject({
      required: ["id", "nickname"],
    });
  });

  it("add extra responses: status text by default, content only when described", async () => {
    const Message = named("Message", v.object({ message: v.string() }));
    const { operation } = await buildOne({
      responses: [
        { status: 200 },
        { status: 404, schema: Message },
        { status: 403 },
        { status: 418, description: "Teapot", mediaType: "text/plain" },
        { status: "5XX" },
        { status: "default", jsonSchema: { type: "object" } },
        { status: 299 },
      ],
    });
    expect(operation.responses).toEqual({
      "200": {
        description: "Successful Response",
        content: { "application/json": { schema: {} } },
      },
      "299": { description: "Additional Response" },
      "403": { description: "Forbidden" },
      "404": {
        description: "Not Found",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Message" } } },
      },
      "418": { description: "Teapot", content: { "text/plain": { schema: { type: "string" } } } },
      "5XX": { description: "Server Error" },
      default: {
        description: "Default Response",
        content: { "application/json": { schema: { type: "object" } } },
      },
    });
  });

  it("merge one status given twice (another media type, headers, a later description)", async () => {
    const { operation } = await buildOne({
      responses: [
        { status: 200, schema: v.object({ id: v.number() }) },
        {
          status: 200,
          mediaType: "image/png",
          jsonSchema: { type: "string", format: "binary" },
          description: "The item, or its picture",
          headers: { "X-Rate-Limit": { description: "Calls left", schema: v.number() } },
        },
      ],
    });
    expect(operation.responses["200"]).toEqual({
      description: "The item, or its picture",
      headers: { "X-Rate-Limit": { description: "Calls left", schema: { type: "number" } } },
      content: {
        "application/json": {
          schema: { type: "object", properties: { id: { type: "number" } }, required: ["id"] },
        },
        "image/png": { schema: { type: "string", format: "binary" } },
      },
    });
  });

  it("never give a body to 204/304/1XX, nor when mediaType is null", async () => {
    const { operation } = await buildOne({
      method: "DELETE",
      responses: [
        { status: 204, schema: v.object({ x: v.string() }) },
        { status: 304, mediaType: "application/json" },
        { status: 302, mediaType: null, headers: { Location: { required: true } } },
      ],
    });
    expect(operation.responses).toEqual({
      "204": { description: "Successful Response" },
      "302": {
        description: "Found",
        headers: { Location: { required: true, schema: { type: "string" } } },
      },
      "304": { description: "Not Modified" },
    });
  });

  it("describe non-JSON responses of the route as strings; +json types as any JSON", async () => {
    const html = await buildOne({ responses: [{ status: 200, mediaType: "text/html" }] });
    expect(html.operation.responses["200"]).toMatchObject({
      content: { "text/html": { schema: { type: "string" } } },
    });
    const problem = await buildOne({
      responses: [{ status: 200, mediaType: "application/problem+json" }],
    });
    expect(problem.operation.responses["200"]).toMatchObject({
      content: { "application/problem+json": { schema: {} } },
    });
  });

  it("refuse invalid statuses", () => {
    for (const status of [99, 600, 200.5, "6XX", "ok"]) {
      expect(() =>
        buildOpenAPI(
          api([{ method: "GET", path: "/x", name: "x", responses: [{ status } as never] }]),
        ),
      ).toThrow(/GET \/x: invalid response status/);
    }
  });
});
