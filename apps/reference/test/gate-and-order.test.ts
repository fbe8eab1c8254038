import { describe, expect, it } from "vitest";
import { expect422, expectDetail, expectJson, referenceClient } from "./helpers";

const BLOCK = { "X-Block": "yes" };

describe("apps/reference/SPEC.md §1.3 the global gate", () => {
  const { client } = referenceClient();

  it("refuses X-Block: yes with 403 before anything is validated", async () => {
    expectDetail(await client.get("/items/abc", { headers: BLOCK }), 403, "Blocked by global gate");
    expectDetail(await client.get("/", { headers: BLOCK }), 403, "Blocked by global gate");
    expectDetail(
      await client.post("/items", { headers: BLOCK, json: { price: -1 } }),
      403,
      "Blocked by global gate",
    );
    expectDetail(
      await client.get("/admin/stats", { headers: BLOCK }),
      403,
      "Blocked by global gate",
    );
  });

  it("passes any other value, exactly compared", async () => {
    for (const value of ["no", "YES", "yes ", ""]) {
      expectJson(await client.get("/", { headers: { "X-Block": value } }), {
        service: "conformance-reference",
        ok: true,
      });
    }
  });

  it("does not run for 404s, 405s and slash redirects", async () => {
    expectDetail(await client.get("/nowhere", { headers: BLOCK }), 404, "Not Found");
    expectDetail(await client.post("/items/5", { headers: BLOCK }), 405, "Method Not Allowed");
    expect((await client.get("/slash", { headers: BLOCK, followRedirects: false })).status).toBe(
      307,
    );
  });
});

describe("apps/reference/SPEC.md §1.6 order of request processing", () => {
  const { client } = referenceClient();
  const json = { "content-type": "application/json" };

  it("an empty body counts as no body", async () => {
    expect422(await client.post("/items", { content: "", headers: json }), [["body"]]);
  });

  it("parses JSON as application/json or application/*+json", async () => {
    const body = JSON.stringify({ name: "a", price: 1 });
    for (const type of [
      "application/json",
      "application/json; charset=utf-8",
      "application/vnd.api+json",
      "Application/JSON",
    ]) {
      const headers: Record<string, string> = type === undefined ? {} : { "content-type": type };
      const res = await client.post("/items", { content: body, headers });
      expect(res.status, `${type}: ${res.text}`).toBe(201);
    }
  });

  it("does not parse a body without a content type (FastAPI's strict_content_type)", async () => {
    const body = JSON.stringify({ name: "a", price: 1 });
    expect422(await client.post("/items", { content: body }), [["body"]]);
  });

  it("does not parse other content types: the body is 'not an object'", async () => {
    const body = JSON.stringify({ name: "a", price: 1 });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml"]) {
      expect422(await client.post("/items", { content: body, headers: { "content-type": type } }), [
        ["body"],
      ]);
    }
  });

  it("duplicate keys: the last one wins", async () => {
    const res = await client.post("/items", {
      content: '{"name": "first", "price": 1, "name": "second"}',
      headers: json,
    });
    expect(res.json().name).toBe("second");
  });

  it("a JSON syntax error is one 422 at [body, offset], before any dependency runs", async () => {
    const res = await client.post("/admin/echo", { content: '{"a": "b",', headers: json });
    expect(res.status).toBe(422);
    const detail = res.json().detail;
    expect(detail).toHaveLength(1);
    expect(detail[0].loc[0]).toBe("body");
    expect(typeof detail[0].loc[1]).toBe("number");
  });

  it("invalid UTF-8 is a 400", async () => {
    expectDetail(
      await client.post("/items", {
        content: new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]),
        headers: json,
      }),
      400,
      "There was an error parsing the body",
    );
  });

  it("JSON null for a required body counts as missing", async () => {
    expect422(await client.post("/numbers/sum", { content: "null", headers: json }), [["body"]]);
  });

  it("dependencies run in order: the gate, the router's, then the route's", async () => {
    // The admin key's 403 wins over body errors; the gate's 403 wins over the admin key's.
    expectDetail(
      await client.post("/admin/echo", { headers: { "X-Admin-Key": "bad" }, json: { a: 1 } }),
      403,
      "Invalid admin key",
    );
    expectDetail(
      await client.post("/admin/echo", { headers: { ...BLOCK, "X-Admin-Key": "bad" } }),
      403,
      "Blocked by global gate",
    );
  });

  it("a dependency's HTTP exception is sent at once; validation errors are then not reported", async () => {
    const odd = await client.get("/dep/even?n=3");
    expectDetail(odd, 400, "n must be even");
  });
});
