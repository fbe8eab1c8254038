import nodeFetch from "node-fetch";
import { serve } from "typhoon";
import { TestClient } from "typhoon/testing";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";

describe("hello app", () => {
  const client = new TestClient(app);

  it("says hello", async () => {
    expect((await client.get("/")).json()).toEqual({ message: "Hello World" });
  });

  it("reads path and query params", async () => {
    expect((await client.get("/items/5?q=x")).json()).toEqual({ item_id: 5, q: "x" });
    expect((await client.get("/items/0")).status).toBe(422);
    expect((await client.get("/items/5000")).status).toBe(404);
  });

  it("paginates with validated skip and limit", async () => {
    expect((await client.get("/items?skip=1&limit=1")).json()).toEqual([{ name: "Bar" }]);
    expect((await client.get("/items?limit=0")).status).toBe(422);
  });

  it("creates an item from a JSON body", async () => {
    const res = await client.post("/items", { json: { name: "Foo", price: 10, tax: 1.5 } });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({
      name: "Foo",
      description: null,
      price: 10,
      tax: 1.5,
      price_with_tax: 11.5,
    });
  });

  it("answers over a real socket", async () => {
    const server = await serve(app, { host: "127.0.0.1", port: 0, logLevel: "silent" });
    try {
      const res = await nodeFetch(`${server.url}/items/7`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ item_id: 7, q: null });
    } finally {
      await server.close();
    }
  });
});
