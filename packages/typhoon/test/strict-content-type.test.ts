import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { APIRouter, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

// FastAPI's strict_content_type: a JSON body needs a JSON Content-Type; without one the body is
// not read as JSON (a body schema then answers 422), unless the app, a router or the route
// says otherwise. The innermost setting wins.

const Item = v.object({ name: v.string(), price: v.number() });
const raw = '{"name": "Foo", "price": 50.5}';

function post(app: Typhoon) {
  app.post("/items/", { params: { item: Item } }, ({ item }) => item);
  return app;
}

describe("strictContentType", () => {
  it("refuses a JSON body sent without Content-Type by default, as FastAPI does", async () => {
    const client = new TestClient(post(new Typhoon()));
    const res = await client.post("/items/", { content: raw });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: "model_attributes_type",
          loc: ["body"],
          msg: "Input should be a valid dictionary or object to extract fields from",
          input: raw,
        },
      ],
    });
    const json = await client.post("/items/", { json: { name: "Foo", price: 50.5 } });
    expect(json.json()).toEqual({ name: "Foo", price: 50.5 });
  });

  it("reads it as JSON with strictContentType: false on the app; text/plain stays refused", async () => {
    const client = new TestClient(post(new Typhoon({ strictContentType: false })));
    const res = await client.post("/items/", { content: raw });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ name: "Foo", price: 50.5 });
    const text = await client.post("/items/", {
      content: raw,
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(422);
  });

  it("takes the innermost setting: route over router over app", async () => {
    const app = new Typhoon();
    const lax = new APIRouter({ prefix: "/lax", strictContentType: false });
    lax.post("/items/", { params: { item: Item } }, ({ item }) => item);
    lax.post("/strict/", { params: { item: Item }, strictContentType: true }, ({ item }) => item);
    const plain = new APIRouter({ prefix: "/default" });
    plain.post("/items/", { params: { item: Item } }, ({ item }) => item);
    plain.post("/lax/", { params: { item: Item }, strictContentType: false }, ({ item }) => item);
    app.includeRouter(lax);
    app.includeRouter(plain);
    const client = new TestClient(app);
    const status = async (path: string) => (await client.post(path, { content: raw })).status;
    expect(await status("/lax/items/")).toBe(200);
    expect(await status("/lax/strict/")).toBe(422);
    expect(await status("/default/items/")).toBe(422);
    expect(await status("/default/lax/")).toBe(200);
  });
});
