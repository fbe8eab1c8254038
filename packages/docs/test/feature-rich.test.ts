import { describe, expect, it } from "vitest";
import { buildOpenAPI, type OpenAPIOperation } from "../src/index";
import { featureRich } from "./fixtures/feature-rich";
import { expectValidDocument } from "./helpers";

const doc = buildOpenAPI(featureRich);
const operations = (): Array<[string, string, OpenAPIOperation]> =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(
      ([method, op]) => [path, method, op] as [string, string, OpenAPIOperation],
    ),
  );

describe("the document of a feature-rich API", () => {
  it("matches the reviewed snapshot", async () => {
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot(
      "./__snapshots__/feature-rich.openapi.json.snap",
    );
  });

  it("is valid OpenAPI 3.1 (independent validator) with valid 2020-12 schemas", async () => {
    await expectValidDocument(doc);
    await expectValidDocument(buildOpenAPI({ ...featureRich, errorFormat: "problem" }));
  });

  it("lists every operation once, catch-all paths written plainly (apps/reference/SPEC.md §1.1)", () => {
    const listed = operations().map(([path, method]) => `${method.toUpperCase()} ${path}`);
    expect(listed.sort()).toEqual(
      featureRich.operations
        .map((op) => `${op.method} ${op.path.replace("{file_path:path}", "{file_path}")}`)
        .sort(),
    );
    expect(doc.paths).toHaveProperty(["/files/{file_path}"]);
    const ids = operations().map(([, , op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("flags /legacy deprecated and tagged legacy", () => {
    expect(doc.paths["/legacy"]!.get).toMatchObject({
      deprecated: true,
      tags: ["legacy"],
      "x-sunset": "2030-01-01",
    });
  });

  it("documents the global gate's optional x-block header on every operation (apps/reference/SPEC.md §1.3)", () => {
    for (const [path, method, op] of operations()) {
      expect(op.parameters, `${method} ${path}`).toContainEqual({
        name: "x-block",
        in: "header",
        required: false,
        schema: { type: "string" },
      });
    }
  });

  it("gives every validating operation the 422 and the shared error components", () => {
    for (const [, , op] of operations()) expect(op.responses).toHaveProperty(["422"]);
    expect(doc.components?.schemas).toHaveProperty(["HTTPValidationError"]);
    expect(doc.components?.schemas).toHaveProperty(["ValidationError"]);
  });

  it("sorts components by name and separates Item's input and output forms", () => {
    const names = Object.keys(doc.components?.schemas ?? {});
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining(["Item-Input", "Item-Output", "Category", "UserIn", "UserOut"]),
    );
    expect(names).not.toContain("Item");
  });

  it("carries the security schemes, the password flow's token URL and per-operation scopes", () => {
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual([
      "OAuth2PasswordBearer",
      "HTTPBasic",
      "APIKeyHeader",
    ]);
    expect(doc.paths["/me/items"]!.get!.security).toEqual([
      { OAuth2PasswordBearer: ["me", "items"] },
    ]);
  });

  it("has callbacks, webhooks, servers, tags and externalDocs", () => {
    expect(Object.keys(doc.paths["/subscriptions"]!.post!.callbacks ?? {})).toEqual([
      "subscription_event",
    ]);
    expect(Object.keys(doc.webhooks ?? {})).toEqual(["note-created"]);
    expect(doc.servers).toEqual(featureRich.servers);
    expect(doc.tags?.map((t) => t.name)).toEqual(["items", "legacy"]);
    expect(doc.externalDocs?.url).toBe("https://example.com/docs");
  });
});
