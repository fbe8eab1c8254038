import type { ServerApp } from "@typhoon/server";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { APIRouter, Depends, dependency, Header, HTTPException, Path, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

const adminKey = dependency({ x_admin_key: Header(v.string()) }, ({ x_admin_key }) => {
  if (x_admin_key !== "letmein") throw new HTTPException(403, "Invalid admin key");
});

function makeApp() {
  const app = new Typhoon();
  const admin = new APIRouter({
    prefix: "/admin",
    tags: ["admin"],
    dependencies: [Depends(adminKey)],
  });
  admin.get("/stats", () => ({ admin: true }));
  admin.post("/echo", { params: { data: v.record(v.string(), v.string()) } }, ({ data }) => data);

  const inventory = new APIRouter({ tags: ["inventory"] });
  inventory.get("/", () => ["list"]);
  inventory.get("/{sku}", { params: { sku: Path(v.string()) }, name: "read_sku" }, ({ sku }) => ({
    sku,
  }));

  const v1 = new APIRouter({ prefix: "/v1" });
  v1.includeRouter(inventory, { prefix: "/inventory" });
  app.includeRouter(admin);
  app.includeRouter(v1);
  app.includeRouter(inventory, { prefix: "/legacy-inventory", deprecated: true });

  const raw: ServerApp = async (scope, _receive, send) => {
    if (scope.type !== "http") return;
    const body = new TextEncoder().encode(
      JSON.stringify({ root_path: scope.root_path, path: scope.path }),
    );
    await send({
      type: "http.response.start",
      status: 200,
      headers: [["content-type", "application/json"]],
    });
    await send({ type: "http.response.body", body });
  };
  app.mount("/raw", raw);
  const sub = new Typhoon();
  sub.get("/ping", () => "pong");
  app.mount("/sub", sub);
  return app;
}

describe("routers", () => {
  const app = makeApp();
  const client = new TestClient(app);

  it("applies router-level dependencies and combines their errors with body errors", async () => {
    const res = await client.post("/admin/echo", { json: { a: 1 } });
    expect(res.status).toBe(422);
    expect(res.json().detail.map((e: { loc: unknown }) => e.loc)).toEqual(
      expect.arrayContaining([
        ["header", "x-admin-key"],
        ["body", "a"],
      ]),
    );
    expect((await client.get("/admin/stats", { headers: { "X-Admin-Key": "nope" } })).status).toBe(
      403,
    );
    expect(
      (await client.get("/admin/stats", { headers: { "X-Admin-Key": "letmein" } })).json(),
    ).toEqual({ admin: true });
  });

  it("includes one router twice under different prefixes, nested", async () => {
    expect((await client.get("/v1/inventory/")).json()).toEqual(["list"]);
    expect((await client.get("/v1/inventory/abc")).json()).toEqual({ sku: "abc" });
    expect((await client.get("/legacy-inventory/abc")).json()).toEqual({ sku: "abc" });
  });

  it("merges tags and flags along the include chain", () => {
    const routes = app.build().routes;
    const legacy = routes.find((r) => r.path === "/legacy-inventory/{sku}");
    expect(legacy?.merged.tags).toEqual(["inventory"]);
    expect(legacy?.merged.deprecated).toBe(true);
    expect(routes.find((r) => r.path === "/admin/stats")?.merged.tags).toEqual(["admin"]);
  });

  it("mounts any ServerApp under a prefix with the root path extended", async () => {
    expect((await client.get("/raw/deep/path")).json()).toEqual({
      root_path: "/raw",
      path: "/deep/path",
    });
    expect((await client.get("/sub/ping")).json()).toBe("pong");
  });

  it("builds URLs by route name", () => {
    const a = new Typhoon();
    a.get("/files/{file_path:path}", { name: "file" }, () => null);
    a.get("/users/{user_id}", { params: { user_id: Path(v.string()) }, name: "user" }, () => null);
    expect(a.urlFor("user", { user_id: "a b/c" })).toBe("/users/a%20b%2Fc");
    expect(a.urlFor("file", { file_path: "x/y z.txt" })).toBe("/files/x/y%20z.txt");
    expect(() => a.urlFor("nope")).toThrow();
  });

  it("refuses duplicate routes at startup", () => {
    const a = new Typhoon();
    a.get("/items/{id}", () => 1);
    a.get("/items/{other}", () => 2);
    expect(() => a.build()).toThrow(/conflicts/);
  });
});
