import { describe, it } from "vitest";
import { expect422, expectDetail, expectJson, referenceClient } from "./helpers";

const ADMIN = { "X-Admin-Key": "letmein" };

describe("apps/reference/SPEC.md §2.10 routers", () => {
  const { client } = referenceClient();

  it("admin router: the X-Admin-Key header is required and checked", async () => {
    expectJson(await client.get("/admin/stats", { headers: ADMIN }), {
      admin: true,
      fruit_count: 8,
      inventory_skus: 2,
    });
    expect422(await client.get("/admin/stats"), [["header", "x-admin-key"]]);
    expectDetail(
      await client.get("/admin/stats", { headers: { "X-Admin-Key": "nope" } }),
      403,
      "Invalid admin key",
    );
  });

  it("POST /admin/echo: a mapping of strings, errors combined with the header's", async () => {
    expectJson(await client.post("/admin/echo", { headers: ADMIN, json: { a: "1", b: "" } }), {
      echo: { a: "1", b: "" },
    });
    expect422(await client.post("/admin/echo", { headers: ADMIN, json: { a: ["x"], b: "ok" } }), [
      ["body", "a"],
    ]);
    expect422(await client.post("/admin/echo", { json: { a: ["x"] } }), [
      ["header", "x-admin-key"],
      ["body", "a"],
    ]);
    expect422(await client.post("/admin/echo"), [["header", "x-admin-key"], ["body"]]);
  });

  it("the inventory router answers under /v1 and /v2", async () => {
    for (const prefix of ["/v1/inventory", "/v2/inventory"]) {
      expectJson(await client.get(`${prefix}/`), { path: `${prefix}/`, skus: ["abc", "xyz"] });
      expectJson(await client.get(`${prefix}/abc`), {
        path: `${prefix}/abc`,
        sku: "abc",
        stock: 3,
      });
      expectJson(await client.get(`${prefix}/xyz`), {
        path: `${prefix}/xyz`,
        sku: "xyz",
        stock: 0,
      });
      expectDetail(await client.get(`${prefix}/nope`), 404, "Unknown SKU");
    }
  });

  it("nested routers: /shop/orders/{order_id}", async () => {
    expectJson(await client.get("/shop/orders/4"), { order_id: 4, status: "shipped" });
    expectJson(await client.get("/shop/orders/7"), { order_id: 7, status: "pending" });
    expect422(await client.get("/shop/orders/x"), [["path", "order_id"]]);
  });
});
