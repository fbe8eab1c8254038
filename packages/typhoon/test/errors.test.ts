import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { HTTPException, Path, RequestValidationError, Typhoon } from "../src/index";
import { JSONResponse } from "../src/responses/index";
import { TestClient } from "../src/testing/index";

class TeapotError extends Error {
  constructor(readonly drink: string) {
    super(`teapot: ${drink}`);
  }
}
class StrongTeapotError extends TeapotError {}

const quiet = { info() {}, warn() {}, error() {} };

function makeApp(options: ConstructorParameters<typeof Typhoon>[0] = {}) {
  const app = new Typhoon({ logger: quiet, ...options });
  app.get("/teapot/{drink}", { params: { drink: Path(v.string()) } }, ({ drink }) => {
    if (drink === "tea") return { drink, status: "brewing" };
    if (drink === "espresso") throw new StrongTeapotError(drink);
    throw new TeapotError(drink);
  });
  app.get(
    "/fail/http/{code}",
    { params: { code: Path(v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599))) } },
    ({ code }) => {
      throw new HTTPException(code, `Failure with status ${code}`);
    },
  );
  app.get("/fail/detail-object", () => {
    throw new HTTPException(409, { reason: "conflict", ids: [1, 2] }, { "X-Error": "conflict" });
  });
  app.get("/fail/unhandled", () => {
    throw new Error("database password is hunter2");
  });
  app.get("/items/{id}", { params: { id: Path(v.pipe(v.number(), v.integer())) } }, ({ id }) => ({
    id,
  }));
  app.exceptionHandler(
    TeapotError,
    (_request, error) =>
      new JSONResponse(
        { error: "teapot", message: `Cannot brew ${error.drink} in a teapot` },
        { status: 418, headers: { "X-Teapot": "short-and-stout" } },
      ),
  );
  return app;
}

describe("errors", () => {
  const client = new TestClient(makeApp(), { raiseServerExceptions: false });

  it("renders HTTPException with its detail and headers", async () => {
    const res = await client.get("/fail/http/418");
    expect(res.status).toBe(418);
    expect(res.json()).toEqual({ detail: "Failure with status 418" });
    const obj = await client.get("/fail/detail-object");
    expect(obj.status).toBe(409);
    expect(obj.json()).toEqual({ detail: { reason: "conflict", ids: [1, 2] } });
    expect(obj.headers.get("x-error")).toBe("conflict");
  });

  it("uses exception handlers by class, for subclasses too", async () => {
    const res = await client.get("/teapot/coffee");
    expect(res.status).toBe(418);
    expect(res.json()).toEqual({ error: "teapot", message: "Cannot brew coffee in a teapot" });
    expect(res.headers.get("x-teapot")).toBe("short-and-stout");
    expect((await client.get("/teapot/espresso")).status).toBe(418);
    expect((await client.get("/teapot/tea")).json()).toEqual({ drink: "tea", status: "brewing" });
  });

  it("never leaks internals in a 500", async () => {
    const res = await client.get("/fail/unhandled");
    expect(res.status).toBe(500);
    expect(res.text).toBe("Internal Server Error");
  });

  it("logs unhandled errors", async () => {
    const logged: unknown[] = [];
    const app = makeApp({
      logger: { info() {}, warn() {}, error: (message, error) => logged.push({ message, error }) },
    });
    await new TestClient(app, { raiseServerExceptions: false }).get("/fail/unhandled");
    expect(logged).toHaveLength(1);
    expect(String((logged[0] as { error: Error }).error.message)).toContain("hunter2");
  });

  it("takes handlers by status, including 404 and 405", async () => {
    const app = makeApp();
    app.exceptionHandler(
      404,
      (request) => new JSONResponse({ missing: request.path }, { status: 404 }),
    );
    const c = new TestClient(app);
    expect((await c.get("/nowhere")).json()).toEqual({ missing: "/nowhere" });
    expect((await c.get("/fail/http/404")).json()).toEqual({ missing: "/fail/http/404" });
  });

  it("lets the validation error handler be overridden", async () => {
    const app = makeApp();
    app.exceptionHandler(
      RequestValidationError,
      (_request, error) => new JSONResponse({ count: error.errors.length }, { status: 400 }),
    );
    const res = await new TestClient(app).get("/items/x");
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ count: 1 });
  });

  it("renders validation errors as RFC 9457 problem details when configured", async () => {
    const res = await new TestClient(makeApp({ errorFormat: "problem" })).get("/items/x");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = res.json();
    expect(body.status).toBe(422);
    expect(body.instance).toBe("/items/x");
    expect(body.errors[0].loc).toEqual(["path", "id"]);
  });

  it("takes a custom error mapper", async () => {
    const app = makeApp({
      errorFormat: (errors) => ({
        status: 400,
        headers: [["content-type", "application/json"]],
        body: JSON.stringify({ bad: errors.map((e) => e.loc.join(".")) }),
      }),
    });
    const res = await new TestClient(app).get("/items/x");
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ bad: ["path.id"] });
  });

  it("falls back to a plain 500 when an exception handler itself fails", async () => {
    const app = makeApp();
    app.exceptionHandler(TeapotError, () => {
      throw new Error("handler broke");
    });
    expect(
      (await new TestClient(app, { raiseServerExceptions: false }).get("/teapot/coffee")).status,
    ).toBe(500);
  });
});

describe("error logs", () => {
  it("name the request id when the request has one", async () => {
    const logged: string[] = [];
    const app = makeApp({
      logger: { info() {}, warn() {}, error: (message) => logged.push(message) },
    });
    await new TestClient(app, { raiseServerExceptions: false }).get("/fail/unhandled", {
      headers: { "x-request-id": "req-42" },
    });
    await new TestClient(app, { raiseServerExceptions: false }).get("/fail/unhandled", {
      headers: { "x-request-id": "bad id <script>" },
    });
    expect(logged).toEqual([
      "Error handling GET /fail/unhandled [request req-42]",
      "Error handling GET /fail/unhandled",
    ]);
  });
});
