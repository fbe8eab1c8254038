import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Form, RequestValidationError, Typhoon } from "../src/index";
import { JSONResponse } from "../src/responses/index";
import { TestClient } from "../src/testing/index";

// RequestValidationError.body: the body the request sent, for a 422 handler that echoes it
// (FastAPI's handling_errors tutorial005: {"detail": exc.errors(), "body": exc.body}).

const Item = v.object({ title: v.string(), size: v.pipe(v.number(), v.integer()) });

function makeClient() {
  const app = new Typhoon();
  app.exceptionHandler(RequestValidationError, (_request, error) => {
    return new JSONResponse({ detail: error.errors, body: error.body ?? null }, { status: 422 });
  });
  app.post("/items/", { params: { item: Item } }, ({ item }) => item);
  app.get("/search", { params: { q: v.string() } }, ({ q }) => ({ q }));
  return new TestClient(app);
}

describe("RequestValidationError.body", () => {
  const client = makeClient();

  it("is the parsed JSON body", async () => {
    const res = await client.post("/items/", { json: { title: "towel", size: "XL" } });
    expect(res.status).toBe(422);
    expect(res.json().body).toEqual({ title: "towel", size: "XL" });
    expect(res.json().detail[0].loc).toEqual(["body", "size"]);
  });

  it("is the received text when the JSON does not parse", async () => {
    const res = await client.post("/items/", {
      content: '{"title": ',
      headers: { "content-type": "application/json" },
    });
    expect(res.json().body).toBe('{"title": ');
  });

  it("is the form of a form route", async () => {
    let seen: unknown;
    const app = new Typhoon();
    app.exceptionHandler(RequestValidationError, (_request, error) => {
      seen = error.body;
      return new JSONResponse({}, { status: 422 });
    });
    app.post(
      "/login/",
      { params: { login: Form(v.object({ username: v.string(), password: v.string() })) } },
      ({ login }) => login,
    );
    await new TestClient(app).post("/login/", { data: { username: "ann" } });
    expect((seen as { get(name: string): unknown }).get("username")).toBe("ann");
  });

  it("is undefined for a route that reads no body", async () => {
    const res = await client.get("/search");
    expect(res.status).toBe(422);
    expect(res.json().body).toBeNull();
  });
});
