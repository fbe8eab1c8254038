import { Validator } from "@seriousme/openapi-schema-validator";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  APIRouter,
  Body,
  Depends,
  dependency,
  File,
  Form,
  Header,
  Path,
  Query,
  Security,
  Typhoon,
} from "../src/index";
import { OAuth2PasswordBearer } from "../src/security/index";
import { TestClient } from "../src/testing/index";

const oauth2 = new OAuth2PasswordBearer({
  tokenUrl: "/token",
  scopes: { "items:read": "Read items" },
});
const gate = dependency({ x_block: Header(v.optional(v.string())) }, () => undefined);

function makeApp(options: ConstructorParameters<typeof Typhoon>[0] = {}) {
  const app = new Typhoon({
    title: "Shop",
    version: "2.0.0",
    description: "A shop.",
    dependencies: [Depends(gate)],
    ...options,
  });
  const Item = v.object({ name: v.string(), price: v.pipe(v.number(), v.gtValue(0)) });
  app.get(
    "/items/{item_id}",
    {
      params: { item_id: Path(v.pipe(v.number(), v.integer())), q: Query(v.optional(v.string())) },
      response: Item,
      tags: ["items"],
      name: "read_item",
    },
    () => ({ name: "x", price: 1 }),
  );
  app.post(
    "/items",
    { params: { item: Item }, status: 201, responses: { 409: { description: "Duplicate" } } },
    ({ item }) => item,
  );
  app.get(
    "/files/{file_path:path}",
    { params: { file_path: Path(v.string()) } },
    ({ file_path }) => file_path,
  );
  app.get(
    "/secure",
    { params: { token: Security(oauth2, { scopes: ["items:read"] }) } },
    ({ token }) => token,
  );
  app.post(
    "/upload",
    { params: { file: File(), note: Form(v.optional(v.string(), "")) } },
    () => null,
  );
  app.post("/pair", { params: { a: Body(v.number()), b: Body(v.string()) } }, () => null);
  app.get("/legacy", { deprecated: true, tags: ["legacy"] }, () => null);
  app.get("/hidden", { includeInSchema: false }, () => null);
  const router = new APIRouter({ prefix: "/admin", tags: ["admin"] });
  router.get("/stats", () => null);
  app.includeRouter(router);
  app.websocket("/ws", {}, () => undefined);
  return app;
}

describe("the OpenAPI document", () => {
  const app = makeApp();
  const doc = app.openapi() as any;

  it("is valid OpenAPI 3.1 according to an independent validator", async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Shop", version: "2.0.0", description: "A shop." });
  });

  it("lists every HTTP route except hidden ones, the docs routes and WebSockets", () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /admin/stats",
        "GET /files/{file_path}",
        "GET /items/{item_id}",
        "GET /legacy",
        "GET /secure",
        "POST /items",
        "POST /pair",
        "POST /upload",
      ].sort(),
    );
  });

  it("documents parameters from the route and its dependencies, with a FastAPI-style operationId", () => {
    const op = doc.paths["/items/{item_id}"].get;
    expect(op.operationId).toBe("read_item_items__item_id__get");
    expect(op.tags).toEqual(["items"]);
    const params = op.parameters.map(
      (p: { in: string; name: string; required?: boolean }) =>
        `${p.in}:${p.name}:${p.required ?? false}`,
    );
    expect(params).toEqual(
      expect.arrayContaining(["path:item_id:true", "query:q:false", "header:x-block:false"]),
    );
    expect(op.responses["422"]).toBeDefined();
    expect(op.responses["200"].content["application/json"].schema).toBeDefined();
  });

  it("documents bodies, extra responses, forms with files, embedded bodies and security", () => {
    expect(doc.paths["/items"].post.requestBody.content["application/json"]).toBeDefined();
    expect(doc.paths["/items"].post.responses["201"]).toBeDefined();
    expect(doc.paths["/items"].post.responses["409"].description).toBe("Duplicate");
    expect(doc.paths["/upload"].post.requestBody.content["multipart/form-data"]).toBeDefined();
    expect(doc.paths["/pair"].post.requestBody.content["application/json"]).toBeDefined();
    expect(doc.paths["/secure"].get.security).toEqual([{ OAuth2PasswordBearer: ["items:read"] }]);
    expect(doc.components.securitySchemes.OAuth2PasswordBearer.flows.password.tokenUrl).toBe(
      "/token",
    );
    expect(doc.paths["/legacy"].get.deprecated).toBe(true);
    expect(doc.paths["/admin/stats"].get.tags).toEqual(["admin"]);
  });

  it("describes 422 bodies in the app's error format", () => {
    const problem = makeApp({ errorFormat: "problem" }).openapi() as any;
    expect(
      problem.paths["/items"].post.responses["422"].content["application/problem+json"],
    ).toBeDefined();
  });
});

describe("serving the document and the docs page", () => {
  it("serves /openapi.json, /docs and Scalar's bundle without the app's dependencies", async () => {
    let gateCalls = 0;
    const counted = dependency(() => {
      gateCalls++;
    });
    const app = new Typhoon({ title: "Served", dependencies: [Depends(counted)] });
    app.get("/", () => "home");
    const client = new TestClient(app);
    const doc = await client.get("/openapi.json");
    expect(doc.headers.get("content-type")).toBe("application/json");
    expect(doc.json().info.title).toBe("Served");
    const page = await client.get("/docs");
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.text).toContain("/openapi.json");
    const script = page.text.match(/src="([^"]*scalar\.js[^"]*)"/)?.[1];
    expect(script).toMatch(/^\/docs\/scalar\.js\?v=/);
    const bundle = await client.get(script!.replace(/&amp;/g, "&"));
    expect(bundle.status).toBe(200);
    expect(bundle.body.byteLength).toBeGreaterThan(100_000);
    expect(bundle.headers.get("cache-control")).toContain("immutable");
    expect(
      (await client.get(script!, { headers: { "if-none-match": bundle.headers.get("etag")! } }))
        .status,
    ).toBe(304);
    expect(gateCalls).toBe(0);
  });

  it("honours the root path behind a proxy", async () => {
    const app = new Typhoon();
    const client = new TestClient(app, { rootPath: "/api" });
    expect((await client.get("/openapi.json")).json().servers).toEqual([{ url: "/api" }]);
    expect((await client.get("/docs")).text).toContain("/api/openapi.json");
  });

  it("turns the docs off with docsUrl: null, and both off with openapiUrl: null", async () => {
    const noDocs = new TestClient(new Typhoon({ docsUrl: null }));
    expect((await noDocs.get("/docs")).status).toBe(404);
    expect((await noDocs.get("/openapi.json")).status).toBe(200);
    const nothing = new TestClient(new Typhoon({ openapiUrl: null }));
    expect((await nothing.get("/docs")).status).toBe(404);
    expect((await nothing.get("/openapi.json")).status).toBe(404);
  });
});
