import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Body, Path, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

const Dimensions = v.object({
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  unit: v.optional(v.picklist(["cm", "inch"]), "cm"),
});
const Item = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  price: v.pipe(v.number(), v.gtValue(0)),
  tax: v.optional(v.nullable(v.number()), null),
  tags: v.optional(v.array(v.string()), []),
  dimensions: v.optional(v.nullable(Dimensions), null),
});

function makeApp() {
  const app = new Typhoon();
  app.post("/items", { params: { item: Item }, status: 201 }, ({ item }) => item);
  app.put(
    "/items/{item_id}",
    { params: { item_id: Path(v.pipe(v.number(), v.integer())), item: Item } },
    ({ item_id, item }) => ({ item_id, name: item.name }),
  );
  app.post("/embedded", { params: { item: Body(Item, { embed: true }) } }, ({ item }) => ({
    name: item.name,
  }));
  app.post(
    "/orders",
    {
      params: {
        item: Item,
        buyer: v.object({ username: v.string(), vip: v.optional(v.boolean(), false) }),
        quantity: Body(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99))),
      },
    },
    ({ item, buyer, quantity }) => ({ item: item.name, buyer: buyer.username, quantity }),
  );
  app.post(
    "/numbers/sum",
    { params: { numbers: Body(v.array(v.pipe(v.number(), v.integer()))) } },
    ({ numbers }) => ({
      count: numbers.length,
      sum: numbers.reduce((a, b) => a + b, 0),
    }),
  );
  return app;
}

const locs = (res: { json(): { detail: { loc: unknown[] }[] } }) =>
  res.json().detail.map((e) => e.loc);

describe("JSON bodies", () => {
  const client = new TestClient(makeApp());

  it("validates a model body and fills defaults", async () => {
    const res = await client.post("/items", {
      json: { name: "Hammer", price: 9.5, dimensions: { width: 2, height: 3 } },
    });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({
      name: "Hammer",
      price: 9.5,
      tax: null,
      tags: [],
      dimensions: { width: 2, height: 3, unit: "cm" },
    });
  });

  it("reports nested errors with full locations", async () => {
    const res = await client.post("/items", {
      json: { name: "", price: -1, dimensions: { width: 0 } },
    });
    expect(res.status).toBe(422);
    expect(locs(res)).toEqual(
      expect.arrayContaining([
        ["body", "name"],
        ["body", "price"],
        ["body", "dimensions", "width"],
        ["body", "dimensions", "height"],
      ]),
    );
  });

  it("treats a missing, empty or null body as missing at ['body']", async () => {
    expect(locs(await client.post("/items"))).toEqual([["body"]]);
    expect(locs(await client.post("/items", { json: null }))).toEqual([["body"]]);
  });

  it("answers malformed JSON with one json_invalid error at ['body', offset]", async () => {
    const res = await client.post("/items", {
      content: '{"name": "x",',
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(422);
    const { detail } = res.json();
    expect(detail).toHaveLength(1);
    expect(detail[0].type).toBe("json_invalid");
    expect(detail[0].loc[0]).toBe("body");
    expect(typeof detail[0].loc[1]).toBe("number");
  });

  it("does not parse other content types: an object schema fails at ['body']", async () => {
    const res = await client.post("/items", {
      content: "name=x",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(422);
    expect(locs(res)).toEqual([["body"]]);
  });

  it("parses application/*+json", async () => {
    const res = await client.post("/items", {
      content: JSON.stringify({ name: "a", price: 1 }),
      headers: { "content-type": "application/vnd.api+json; charset=utf-8" },
    });
    expect(res.status).toBe(201);
  });

  it("answers invalid UTF-8 with 400", async () => {
    const res = await client.post("/items", {
      content: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ detail: "There was an error parsing the body" });
  });

  it("answers a body over the limit with 413", async () => {
    const app = new Typhoon({ bodyLimit: 64 });
    app.post("/x", { params: { item: Item } }, () => "ok");
    const res = await new TestClient(app).post("/x", { json: { name: "a".repeat(100), price: 1 } });
    expect(res.status).toBe(413);
  });

  it("combines path params and a body", async () => {
    const res = await client.put("/items/7", { json: { name: "a", price: 2 } });
    expect(res.json()).toEqual({ item_id: 7, name: "a" });
  });

  it("embeds a single body under its name when asked", async () => {
    expect(
      (await client.post("/embedded", { json: { item: { name: "a", price: 1 } } })).json(),
    ).toEqual({ name: "a" });
    expect(locs(await client.post("/embedded", { json: { name: "a", price: 1 } }))).toEqual([
      ["body", "item"],
    ]);
  });

  it("merges several bodies into one object keyed by name", async () => {
    const ok = await client.post("/orders", {
      json: { item: { name: "a", price: 2 }, buyer: { username: "ann" }, quantity: 3 },
    });
    expect(ok.json()).toEqual({ item: "a", buyer: "ann", quantity: 3 });
    const bad = await client.post("/orders", { json: { item: { name: "a" }, quantity: 100 } });
    expect(locs(bad)).toEqual(
      expect.arrayContaining([
        ["body", "item", "price"],
        ["body", "buyer"],
        ["body", "quantity"],
      ]),
    );
  });

  it("validates list bodies item by item", async () => {
    expect((await client.post("/numbers/sum", { json: [1, 2, 3] })).json()).toEqual({
      count: 3,
      sum: 6,
    });
    expect(locs(await client.post("/numbers/sum", { json: [1, "x", 3] }))).toEqual([["body", 1]]);
    expect(locs(await client.post("/numbers/sum", { json: { a: 1 } }))).toEqual([["body"]]);
  });

  it("keeps __proto__ keys from polluting prototypes", async () => {
    await client.post("/items", {
      content: '{"__proto__": {"polluted": 1}, "name": "a", "price": 1}',
      headers: { "content-type": "application/json" },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
