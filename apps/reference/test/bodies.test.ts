import { describe, expect, it } from "vitest";
import { expect422, expectJson, referenceClient } from "./helpers";

const summary = (item: Record<string, unknown>) => ({
  tax: null,
  tags: [],
  dimensions: null,
  ...item,
});

describe("apps/reference/SPEC.md §2.5 JSON bodies", () => {
  const { client } = referenceClient();

  it("POST /items: 201 with the item summary, defaults filled in", async () => {
    expectJson(
      await client.post("/items", { json: { name: "Hammer", price: 9.99 } }),
      summary({ name: "Hammer", price: 9.99, price_with_tax: 9.99 }),
      201,
    );
    expectJson(
      await client.post("/items", {
        json: {
          name: "Desk",
          price: 100.005,
          tax: 0.01,
          tags: ["wood"],
          dimensions: { width: 120, height: 75 },
          extra: "ignored",
        },
      }),
      {
        name: "Desk",
        price: 100.005,
        tax: 0.01,
        tags: ["wood"],
        dimensions: { width: 120, height: 75, unit: "cm" },
        price_with_tax: 100.02,
      },
      201,
    );
  });

  it("accepts numeric strings for float and integer strings for int fields", async () => {
    const res = await client.post("/items", {
      json: { name: "Str", price: "12.5", dimensions: { width: "10", height: 2, unit: "inch" } },
    });
    expectJson(
      res,
      summary({
        name: "Str",
        price: 12.5,
        dimensions: { width: 10, height: 2, unit: "inch" },
        price_with_tax: 12.5,
      }),
      201,
    );
  });

  it("reports nested locs, null only for optional fields", async () => {
    expect422(
      await client.post("/items", {
        json: {
          name: "",
          price: 0,
          tax: -1,
          tags: ["ok", 3],
          dimensions: { width: 0, unit: "mm" },
        },
      }),
      [
        ["body", "name"],
        ["body", "price"],
        ["body", "tax"],
        ["body", "tags", 1],
        ["body", "dimensions", "width"],
        ["body", "dimensions", "height"],
        ["body", "dimensions", "unit"],
      ],
    );
    expect422(await client.post("/items", { json: { name: null, price: 1, tax: null } }), [
      ["body", "name"],
    ]);
    expect422(await client.post("/items", { json: { name: "x", price: 1000000.01 } }), [
      ["body", "price"],
    ]);
    expectJson(
      await client.post("/items", { json: { name: "x".repeat(40), price: 1000000 } }),
      summary({ name: "x".repeat(40), price: 1000000, price_with_tax: 1000000 }),
      201,
    );
  });

  it("a missing, null or non-object body is one error at [body]", async () => {
    expect422(await client.post("/items"), [["body"]]);
    expect422(await client.post("/items", { json: null }), [["body"]]);
    expect422(await client.post("/items", { json: [1, 2] }), [["body"]]);
    expect422(await client.post("/items", { json: "text" }), [["body"]]);
  });

  it("PUT /items/{item_id}: path, query, header and body together", async () => {
    expectJson(
      await client.put("/items/7?notify=yes", {
        json: { name: "Saw", price: 5, tax: 0.5 },
        headers: { "X-Request-Tag": "t-1" },
      }),
      {
        item_id: 7,
        notify: true,
        tag: "t-1",
        item: summary({ name: "Saw", price: 5, tax: 0.5, price_with_tax: 5.5 }),
      },
    );
    expectJson(await client.put("/items/1", { json: { name: "Saw", price: 5 } }), {
      item_id: 1,
      notify: false,
      tag: null,
      item: summary({ name: "Saw", price: 5, price_with_tax: 5 }),
    });
    expect422(await client.put("/items/0?notify=maybe", { json: { price: -1 } }), [
      ["path", "item_id"],
      ["query", "notify"],
      ["body", "name"],
      ["body", "price"],
    ]);
  });

  it("POST /embedded: the single model is embedded under its name", async () => {
    expectJson(await client.post("/embedded", { json: { item: { name: "A", price: 2 } } }), {
      name: "A",
      price: 2,
    });
    expect422(await client.post("/embedded", { json: { name: "A", price: 2 } }), [
      ["body", "item"],
    ]);
    expect422(await client.post("/embedded", { json: { item: { name: "A" } } }), [
      ["body", "item", "price"],
    ]);
    expect422(await client.post("/embedded"), [["body", "item"]]);
  });

  it("POST /orders: several body parameters keyed by name", async () => {
    expectJson(
      await client.post("/orders", {
        json: { item: { name: "Pen", price: 1.15 }, buyer: { username: "ann" }, quantity: 3 },
      }),
      { item: "Pen", buyer: "ann", quantity: 3, note: null, total: 3.45 },
    );
    expectJson(
      await client.post("/orders", {
        json: {
          item: { name: "Pen", price: 10 },
          buyer: { username: "vip", vip: true },
          quantity: 3,
          note: "gift",
        },
      }),
      { item: "Pen", buyer: "vip", quantity: 3, note: "gift", total: 27 },
    );
    expect422(
      await client.post("/orders", {
        json: { item: { name: "Pen" }, buyer: {}, quantity: 100, note: "x".repeat(21) },
      }),
      [
        ["body", "item", "price"],
        ["body", "buyer", "username"],
        ["body", "quantity"],
        ["body", "note"],
      ],
    );
    expect422(await client.post("/orders", { json: {} }), [
      ["body", "item"],
      ["body", "buyer"],
      ["body", "quantity"],
    ]);
    expect422(await client.post("/orders"), [
      ["body", "item"],
      ["body", "buyer"],
      ["body", "quantity"],
    ]);
  });

  it("POST /numbers/sum: a list body, items at [body, index]", async () => {
    expectJson(await client.post("/numbers/sum", { json: [1, 2, "3"] }), { count: 3, sum: 6 });
    expectJson(await client.post("/numbers/sum", { json: [] }), { count: 0, sum: 0 });
    expect422(await client.post("/numbers/sum", { json: [1, "x", 3, 4.5] }), [
      ["body", 1],
      ["body", 3],
    ]);
    expect422(await client.post("/numbers/sum", { json: { a: 1 } }), [["body"]]);
  });

  it("POST /scores: a mapping of str to int", async () => {
    expectJson(await client.post("/scores", { json: { zed: 3, amy: 9, bob: 9 } }), {
      players: ["amy", "bob", "zed"],
      best: "amy",
    });
    expectJson(await client.post("/scores", { json: {} }), { players: [], best: null });
    expect422(await client.post("/scores", { json: { amy: "x", bob: 2, cy: [1] } }), [
      ["body", "amy"],
      ["body", "cy"],
    ]);
    expect422(await client.post("/scores", { json: [1] }), [["body"]]);
  });

  it("POST /events: datetime, real calendar date and UUID, echoed canonically", async () => {
    expectJson(
      await client.post("/events", {
        json: {
          title: "Launch",
          starts_at: "2024-03-01T09:30:00",
          day: "2024-03-03",
          ref: "12345678-1234-5678-1234-567812345678",
        },
      }),
      {
        title: "Launch",
        starts_at: "2024-03-01T09:30:00",
        day: "2024-03-03",
        ref: "12345678-1234-5678-1234-567812345678",
        weekday: 7,
      },
    );
    const upper = await client.post("/events", {
      json: {
        title: "Leap",
        starts_at: "2024-02-29T23:59",
        day: "2024-02-29",
        ref: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
      },
    });
    expect(upper.json()).toMatchObject({
      starts_at: "2024-02-29T23:59:00",
      ref: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      weekday: 4,
    });
    expect422(
      await client.post("/events", {
        json: { starts_at: "yesterday", day: "2023-02-29", ref: "not-a-uuid" },
      }),
      [
        ["body", "title"],
        ["body", "starts_at"],
        ["body", "day"],
        ["body", "ref"],
      ],
    );
  });

  it("POST /aliased: only the camelCase aliases are read and echoed", async () => {
    expectJson(await client.post("/aliased", { json: { itemName: "Cup", unitPrice: "2.5" } }), {
      itemName: "Cup",
      unitPrice: 2.5,
    });
    expect422(await client.post("/aliased", { json: { item_name: "Cup", unit_price: 2.5 } }), [
      ["body", "itemName"],
      ["body", "unitPrice"],
    ]);
  });
});
