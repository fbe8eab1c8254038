import { describe, expect, it } from "vitest";
import { expect422, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §2.13 HTTP-level routes", () => {
  const { client } = referenceClient();

  it("/multi-method answers GET, POST and DELETE in one route", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      expectJson(await client.request(method, "/multi-method"), { method });
    }
  });

  it("/headable: GET with X-Resource-Version: 7, HEAD the same without a body", async () => {
    const get = await client.get("/headable");
    expectJson(get, { resource: "headable" });
    expect(get.headers.get("x-resource-version")).toBe("7");
    const head = await client.head("/headable");
    expect(head.status).toBe(200);
    expect(head.headers.get("x-resource-version")).toBe("7");
    expect(head.headers.get("content-type")).toBe("application/json");
    expect(head.body.byteLength).toBe(0);
  });

  it("GET /large: count rows labelled row-NNNN", async () => {
    const res = await client.get("/large?count=3");
    expectJson(res, {
      count: 3,
      rows: [
        { index: 0, label: "row-0000" },
        { index: 1, label: "row-0001" },
        { index: 2, label: "row-0002" },
      ],
    });
    const full = (await client.get("/large")).json();
    expect(full.count).toBe(300);
    expect(full.rows[299]).toEqual({ index: 299, label: "row-0299" });
    expect((await client.get("/large?count=2000")).json().rows[1999].label).toBe("row-1999");
    for (const bad of ["0", "2001", "x"]) {
      expect422(await client.get(`/large?count=${bad}`), [["query", "count"]]);
    }
  });

  it("GET /legacy and GET /hidden", async () => {
    expectJson(await client.get("/legacy"), { legacy: true });
    expectJson(await client.get("/hidden"), { hidden: true });
  });
});
