import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { buildOpenAPI, type OperationDescription } from "../src/index";
import { api, expectValidDocument } from "./helpers";

const get = (path: string, name: string, extra: Partial<OperationDescription> = {}) =>
  ({ method: "GET", path, name, ...extra }) as OperationDescription;

describe("operations", () => {
  it("get FastAPI's operationIds and summaries, one per method", async () => {
    const doc = buildOpenAPI(
      api([
        get("/items/{item_id}", "read_item", {
          parameters: [{ in: "path", name: "item_id", schema: v.number() }],
        }),
        { method: "GET", path: "/multi", name: "multi" },
        { method: "post", path: "/multi", name: "multi" },
      ]),
    );
    await expectValidDocument(doc);
    expect(doc.paths["/items/{item_id}"]!.get).toMatchObject({
      summary: "Read Item",
      operationId: "read_item_items__item_id__get",
    });
    // FastAPI gives both methods of one route the same id (and warns); here each is unique.
    expect(doc.paths["/multi"]!.get!.operationId).toBe("multi_multi_get");
    expect(doc.paths["/multi"]!.post!.operationId).toBe("multi_multi_post");
  });

  it("write a catch-all path parameter as a plain one (apps/reference/SPEC.md §1.1)", async () => {
    const doc = buildOpenAPI(
      api([
        get("/files/{file_path:path}", "read_file", {
          parameters: [{ in: "path", name: "file_path", schema: v.string() }],
        }),
      ]),
    );
    await expectValidDocument(doc);
    expect(Object.keys(doc.paths)).toEqual(["/files/{file_path}"]);
    expect(doc.paths["/files/{file_path}"]!.get!.operationId).toBe(
      "read_file_files__file_path__get",
    );
  });

  it("take an explicit operationId and refuse duplicates with both places named", () => {
    const doc = buildOpenAPI(api([get("/a", "a", { operationId: "listThings" })]));
    expect(doc.paths["/a"]!.get!.operationId).toBe("listThings");
    const build = () =>
      buildOpenAPI(
        api([get("/a", "a", { operationId: "same" }), get("/b", "b", { operationId: "same" })]),
      );
    expect(build).toThrow(expect.objectContaining({ code: "DUPLICATE_OPERATION_ID" }));
    expect(build).toThrow('Duplicate operationId "same": GET /a and GET /b');
  });

  it("check operationId uniqueness across paths, callbacks and webhooks", () => {
    const build = () =>
      buildOpenAPI(
        api([get("/a", "a", { operationId: "x" })], {
          webhooks: [{ method: "POST", path: "new-user", name: "n", operationId: "x" }],
        }),
      );
    expect(build).toThrow(/Duplicate operationId "x": GET \/a and webhook POST new-user/);
  });

  it("refuse one method twice on one path", () => {
    expect(() => buildOpenAPI(api([get("/a", "a"), get("/a", "b")]))).toThrow(
      expect.objectContaining({ code: "DUPLICATE_OPERATION" }),
    );
  });

  it("carry summary, description, tags, deprecated and externalDocs in FastAPI's key order", async () => {
    const doc = buildOpenAPI(
      api([
        get("/legacy", "legacy", {
          summary: "Old endpoint",
          description: "**Markdown** allowed",
          tags: ["legacy"],
          deprecated: true,
          externalDocs: { url: "https://example.com/legacy" },
        }),
      ]),
    );
    await expectValidDocument(doc);
    const op = doc.paths["/legacy"]!.get!;
    expect(Object.keys(op)).toEqual([
      "tags",
      "summary",
      "description",
      "externalDocs",
      "operationId",
      "deprecated",
      "responses",
    ]);
    expect(op).toMatchObject({
      tags: ["legacy"],
      summary: "Old endpoint",
      description: "**Markdown** allowed",
      deprecated: true,
    });
  });

  it("add x- extensions and deep-merge openapiExtra last", async () => {
    const doc = buildOpenAPI(
      api([
        get("/a", "a", {
          extensions: { "x-internal": true },
          openapiExtra: {
            "x-code-samples": [{ lang: "sh", source: "curl /a" }],
            responses: { "200": { description: "Overridden" } },
            tags: ["from-extra"],
          },
          tags: ["base"],
        }),
      ]),
    );
    await expectValidDocument(doc);
    const op = doc.paths["/a"]!.get!;
    expect(op["x-internal"]).toBe(true);
    expect(op["x-code-samples"]).toEqual([{ lang: "sh", source: "curl /a" }]);
    expect(op.tags).toEqual(["base", "from-extra"]);
    expect(op.responses["200"]).toMatchObject({ description: "Overridden", content: {} });
    expect(() => buildOpenAPI(api([get("/a", "a", { extensions: { bad: 1 } as never })]))).toThrow(
      /must start with "x-"/,
    );
  });

  it("check path parameters against the template both ways", () => {
    expect(() => buildOpenAPI(api([get("/items/{id}", "a")]))).toThrow(
      'GET /items/{id}: the path parameter "id" is not described',
    );
    expect(() =>
      buildOpenAPI(
        api([get("/items", "a", { parameters: [{ in: "path", name: "id", schema: v.string() }] })]),
      ),
    ).toThrow('GET /items: path parameter "id" is not in the path template');
  });

  it("refuse bad methods, paths and names with INVALID_DESCRIPTION", () => {
    for (const op of [
      { method: "FETCH", path: "/a", name: "a" },
      { method: "GET", path: "", name: "a" },
      { method: "GET", path: "a", name: "a" },
      { method: "GET", path: "/a", name: "" },
    ]) {
      expect(() => buildOpenAPI(api([op as OperationDescription]))).toThrow(
        expect.objectContaining({ code: "INVALID_DESCRIPTION" }),
      );
    }
  });
});

describe("the document", () => {
  it("carries info, servers, tags, externalDocs and the 3.1 dialect", async () => {
    const doc = buildOpenAPI({
      info: {
        title: "Shop",
        version: "2.0.0",
        summary: "Sells things",
        description: "An *example*",
        termsOfService: "https://example.com/terms",
        contact: { name: "Ops", email: "ops@example.com" },
        license: { name: "MIT", identifier: "MIT" },
      },
      servers: [{ url: "/api", description: "behind the proxy" }],
      tags: [{ name: "items", description: "Items", externalDocs: { url: "https://example.com" } }],
      externalDocs: { url: "https://example.com/docs", description: "More" },
      errorFormat: "fastapi",
      operations: [get("/items", "list_items", { tags: ["items"] })],
    });
    await expectValidDocument(doc);
    expect(Object.keys(doc)).toEqual([
      "openapi",
      "info",
      "jsonSchemaDialect",
      "servers",
      "paths",
      "tags",
      "externalDocs",
    ]);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://spec.openapis.org/oas/3.1/dialect/base");
    expect(doc.info.license).toEqual({ name: "MIT", identifier: "MIT" });
    expect(doc.servers).toEqual([{ url: "/api", description: "behind the proxy" }]);
  });

  it("of an empty API is valid", async () => {
    const doc = buildOpenAPI(api([]));
    await expectValidDocument(doc);
    expect(doc.paths).toEqual({});
  });

  it("refuses missing info fields, a license with both identifier and url, twice-described tags", () => {
    expect(() => buildOpenAPI({ ...api([]), info: { title: "", version: "1" } })).toThrow(
      "info.title must be a non-empty string",
    );
    expect(() =>
      buildOpenAPI({
        ...api([]),
        info: { title: "t", version: "1", license: { name: "MIT", identifier: "MIT", url: "u" } },
      }),
    ).toThrow(/identifier or a url/);
    expect(() => buildOpenAPI(api([], { tags: [{ name: "a" }, { name: "a" }] }))).toThrow(
      'Tag "a" is described twice',
    );
  });

  it("runs postProcess on a private copy", async () => {
    const description = api([get("/a", "a")]);
    const doc = buildOpenAPI(description, {
      postProcess(d) {
        d.info["x-logo" as never] = { url: "/logo.png" } as never;
        return { ...d, info: { ...d.info, title: "Renamed" } };
      },
    });
    expect(doc.info).toMatchObject({ title: "Renamed", "x-logo": { url: "/logo.png" } });
    expect(description.info.title).toBe("Test");
    // Mutating in place without returning works too.
    const mutated = buildOpenAPI(description, {
      postProcess(d) {
        d.paths["/a"]!.get!.summary = "Changed";
      },
    });
    expect(mutated.paths["/a"]!.get!.summary).toBe("Changed");
  });

  it("is deterministic", () => {
    const build = () =>
      JSON.stringify(
        buildOpenAPI(
          api([
            get("/b", "b", { responses: [{ status: 200, schema: v.object({ x: v.string() }) }] }),
            get("/a", "a", { validatesInput: true }),
          ]),
        ),
      );
    expect(build()).toBe(build());
  });
});
