import { describe, expect, it } from "vitest";
import { referenceClient } from "./helpers";

/**
 * apps/reference/SPEC.md §1.1: every HTTP route of its section 2 except POST /__reset and
 * GET /hidden.
 */
const OPERATIONS = `
get /
get /startup-state
get /sidechannel/{key}
get /items/{item_id}
get /colors/{color}
get /files/{file_path}
get /users/me
get /users/{user_id}
get /ratio/{value}
get /search
get /query/optional
get /query/list
get /query/bool
get /query/pattern
get /query/alias
get /request-info
get /headers/echo
get /headers/required
get /cookies/read
get /cookies/set
post /items
put /items/{item_id}
post /embedded
post /orders
post /numbers/sum
post /scores
post /events
post /aliased
post /users
get /users-list
get /profiles/{username}
get /products/{sku}
get /fail/bad-response
get /plain
get /html
get /redirect-me
get /accepted
get /no-content
get /teapot/{drink}
get /fail/http/{code}
get /fail/detail-object
get /fail/unhandled
post /notes
get /notes
get /notes/{note_id}
patch /notes/{note_id}
delete /notes/{note_id}
get /dep/common
get /dep/sub
get /dep/cached
get /dep/uncached
get /dep/yield
get /dep/fruits
get /dep/prefix
get /dep/even
post /tasks/notify/{email}
get /admin/stats
post /admin/echo
get /v1/inventory/
get /v1/inventory/{sku}
get /v2/inventory/
get /v2/inventory/{sku}
get /shop/orders/{order_id}
post /token
get /me
get /me/items
post /jwt/token
get /jwt/me
get /basic/whoami
get /bearer/check
get /apikey/header
get /apikey/query
get /apikey/cookie
get /apikey/any
post /form/signup
post /upload
post /upload/bytes
post /upload/many
get /slash/
get /noslash
get /multi-method
post /multi-method
delete /multi-method
get /headable
head /headable
get /large
get /legacy
`
  .trim()
  .split("\n");

interface Operation {
  tags?: string[];
  deprecated?: boolean;
  parameters?: { name: string; in: string; required?: boolean }[];
}
type Paths = Record<string, Record<string, Operation>>;

describe("apps/reference/SPEC.md §1.1 application metadata, OpenAPI and docs", () => {
  const { client } = referenceClient();

  it("GET /openapi.json: the document, with the app's title, description and version", async () => {
    const res = await client.get("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")?.split(";")[0]).toBe("application/json");
    expect(res.json().info).toEqual({
      title: "Conformance Reference",
      description: "Reference app for differential HTTP conformance testing.",
      version: "1.0.0",
    });
  });

  it("lists exactly the HTTP operations of the spec (no /__reset, /hidden or WebSocket)", async () => {
    const paths = (await client.get("/openapi.json")).json().paths as Paths;
    const listed = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(listed.sort()).toEqual([...OPERATIONS].sort());
  });

  it("/legacy is deprecated and tagged legacy; routers add their tags", async () => {
    const paths = (await client.get("/openapi.json")).json().paths as Paths;
    expect(paths["/legacy"]?.get).toMatchObject({ deprecated: true, tags: ["legacy"] });
    expect(paths["/admin/stats"]?.get?.tags).toEqual(["admin"]);
    expect(paths["/v1/inventory/{sku}"]?.get?.tags).toEqual(["inventory"]);
    expect(paths["/v2/inventory/{sku}"]?.get?.tags?.sort()).toEqual(["inventory", "v2"]);
  });

  it("the global gate is an optional x-block header parameter on every operation", async () => {
    const paths = (await client.get("/openapi.json")).json().paths as Paths;
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const gate = operation.parameters?.find((p) => p.name === "x-block");
        expect(gate, `${method} ${path}`).toMatchObject({ in: "header", required: false });
      }
    }
  });

  it("GET /docs: the interactive docs page", async () => {
    const res = await client.get("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.text).toContain("/openapi.json");
  });

  it("the gate does not run for the docs and the document", async () => {
    const headers = { "X-Block": "yes" };
    expect((await client.get("/openapi.json", { headers })).status).toBe(200);
    expect((await client.get("/docs", { headers })).status).toBe(200);
  });
});
