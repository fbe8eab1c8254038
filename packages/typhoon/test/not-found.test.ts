import { describe, expect, it } from "vitest";
import { HTTPException, Typhoon } from "../src/index";
import { JSONResponse } from "../src/responses/index";
import { TestClient } from "../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };

describe("the 404 of an unknown path", () => {
  it("is FastAPI's JSON answer by default, for GET and HEAD", async () => {
    const app = new Typhoon({ logger: quiet });
    app.get("/items", () => []);
    const client = new TestClient(app);
    const res = await client.get("/nowhere");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("content-length")).toBe("22");
    expect(res.json()).toEqual({ detail: "Not Found" });
    const head = await client.request("HEAD", "/nowhere");
    expect(head.status).toBe(404);
    expect(head.text).toBe("");
  });

  it("goes through a handler registered for 404, even one added after the first request", async () => {
    const app = new Typhoon({ logger: quiet });
    const client = new TestClient(app);
    expect((await client.get("/a")).json()).toEqual({ detail: "Not Found" });
    app.exceptionHandler(
      404,
      (request) => new JSONResponse({ missing: request.path }, { status: 404 }),
    );
    const res = await client.get("/b");
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ missing: "/b" });
  });

  it("goes through a replaced HTTPException handler", async () => {
    const app = new Typhoon({ logger: quiet });
    app.exceptionHandler(
      HTTPException,
      (_request, error: HTTPException) =>
        new JSONResponse({ error: error.detail, code: error.status }, { status: error.status }),
    );
    const res = await new TestClient(app).get("/b");
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ error: "Not Found", code: 404 });
  });

  it("still redirects to the path with the other trailing slash when that one exists", async () => {
    const app = new Typhoon({ logger: quiet });
    app.get("/items/", () => []);
    const res = await new TestClient(app).get("/items?x=1", { followRedirects: false });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://testserver/items/?x=1");
  });
});
