import { describe, expect, it } from "vitest";
import { expect422, expectDetail, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §1.5 error responses", () => {
  const { client, logger } = referenceClient();

  it("unknown route: 404 Not Found", async () => {
    expectDetail(await client.get("/no/such/route"), 404, "Not Found");
  });

  it("known path, wrong method: 405 with Allow", async () => {
    const res = await client.delete("/search");
    expectDetail(res, 405, "Method Not Allowed");
    expect(res.headers.get("allow")).toBe("GET");
  });

  it("validation errors carry loc, msg and type", async () => {
    const res = await client.get("/items/abc");
    expect422(res, [["path", "item_id"]]);
    const [error] = res.json().detail;
    expect(typeof error.msg).toBe("string");
    expect(typeof error.type).toBe("string");
  });

  it("unhandled errors are a bare 500 text, and logged", async () => {
    const before = logger.errors.length;
    const res = await client.get("/fail/unhandled");
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.text).toBe("Internal Server Error");
    expect(logger.errors.length).toBe(before + 1);
  });
});

describe("apps/reference/SPEC.md §2.7 errors", () => {
  const { client } = referenceClient();

  it("GET /teapot/tea brews", async () => {
    expectJson(await client.get("/teapot/tea"), { drink: "tea", status: "brewing" });
  });

  it("GET /teapot/{other}: the custom handler's 418 with X-Teapot", async () => {
    const res = await client.get("/teapot/coffee");
    expect(res.status).toBe(418);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.json()).toEqual({ error: "teapot", message: "Cannot brew coffee in a teapot" });
    expect(res.headers.get("x-teapot")).toBe("short-and-stout");
    const spaced = await client.get("/teapot/green%20tea");
    expect(spaced.json().message).toBe("Cannot brew green tea in a teapot");
  });

  it("GET /fail/http/{code} answers that status for 400..599", async () => {
    for (const code of [400, 401, 404, 418, 429, 500, 503, 599]) {
      expectDetail(await client.get(`/fail/http/${code}`), code, `Failure with status ${code}`);
    }
    for (const code of ["399", "600", "abc"]) {
      expect422(await client.get(`/fail/http/${code}`), [["path", "code"]]);
    }
  });

  it("GET /fail/detail-object: a JSON detail", async () => {
    expectDetail(await client.get("/fail/detail-object"), 409, { reason: "conflict", ids: [1, 2] });
  });
});
