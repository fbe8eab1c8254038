import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type ExceptionHandler,
  httpExceptionHandler,
  requestValidationExceptionHandler,
} from "../src/exception-handlers/index";
import {
  Depends,
  type ErrorFormat,
  HTTPException,
  Path,
  Query,
  type Request,
  RequestValidationError,
  Typhoon,
} from "../src/index";
import { OAuth2PasswordBearer } from "../src/security/index";
import { TestClient, type TestResponse } from "../src/testing/index";

// FastAPI's `fastapi.exception_handlers`: a custom handler logs, then delegates to the default.
// Each test compares the delegating app with an app left on its defaults, request by request.

const quiet = { info() {}, warn() {}, error() {} };
const oauth2 = new OAuth2PasswordBearer({ tokenUrl: "/token" });

function makeApp(errorFormat?: ErrorFormat) {
  const app = new Typhoon({ logger: quiet, ...(errorFormat ? { errorFormat } : {}) });
  app.get(
    "/items/{item_id}",
    { params: { item_id: Path(v.pipe(v.number(), v.integer())), q: Query(v.string()) } },
    ({ item_id }) => {
      if (item_id === 3) throw new HTTPException(418, "Nope! I don't like 3.", { "X-Why": "3" });
      if (item_id === 4) throw new HTTPException(204);
      return { item_id };
    },
  );
  app.get("/me", { params: { token: Depends(oauth2) } }, ({ token }) => ({ token }));
  return app;
}

/** An app whose handlers record what they saw, then answer with the defaults. */
function delegatingApp(errorFormat?: ErrorFormat) {
  const seen: string[] = [];
  const app = makeApp(errorFormat);
  app.exceptionHandler(HTTPException, (request, error) => {
    seen.push(`${request.method} ${request.path}: ${error.status}`);
    return httpExceptionHandler(request, error);
  });
  app.exceptionHandler(RequestValidationError, async (request, error) => {
    seen.push(`${request.path}: ${error.errors.length} errors`);
    await Promise.resolve(); // an async handler may delegate too
    return requestValidationExceptionHandler(request, error);
  });
  return { app, seen };
}

const REQUESTS = [
  "/items/3?q=x", // HTTPException with headers
  "/items/4?q=x", // 204: no body
  "/items/x", // two validation errors
  "/nowhere", // the framework's own 404
  "/me", // the security scheme's 401 with WWW-Authenticate
];

const wire = (res: TestResponse) => ({
  status: res.status,
  headers: [...res.headers],
  body: res.text,
});

describe("the default exception handlers, exported", () => {
  it("a handler that logs and delegates answers exactly as the defaults do", async () => {
    const plain = new TestClient(makeApp());
    const { app, seen } = delegatingApp();
    const delegating = new TestClient(app);
    for (const path of REQUESTS) {
      expect(wire(await delegating.get(path)), path).toEqual(wire(await plain.get(path)));
    }
    expect(seen).toEqual([
      "GET /items/3: 418",
      "GET /items/4: 204",
      "/items/x: 2 errors",
      "GET /nowhere: 404",
      "GET /me: 401",
    ]);
  });

  it("gives FastAPI's bodies: {detail} with the status and headers, 422 with every error", async () => {
    const client = new TestClient(delegatingApp().app);
    const teapot = await client.get("/items/3?q=x");
    expect([teapot.status, teapot.json(), teapot.headers.get("x-why")]).toEqual([
      418,
      { detail: "Nope! I don't like 3." },
      "3",
    ]);
    const empty = await client.get("/items/4?q=x");
    expect([empty.status, empty.text]).toEqual([204, ""]);
    const invalid = await client.get("/items/x");
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("application/json");
    expect(invalid.json().detail.map((e: { loc: unknown }) => e.loc)).toEqual([
      ["path", "item_id"],
      ["query", "q"],
    ]);
    const anonymous = await client.get("/me");
    expect([anonymous.status, anonymous.headers.get("www-authenticate")]).toEqual([401, "Bearer"]);
  });

  it("the validation handler answers in the app's errorFormat", async () => {
    const plain = new TestClient(makeApp("problem"));
    const delegating = new TestClient(delegatingApp("problem").app);
    const res = await delegating.get("/items/x");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json()).toMatchObject({ status: 422, instance: "/items/x" });
    expect(wire(res)).toEqual(wire(await plain.get("/items/x")));

    // A custom format function too; an app on the default format next to it is unaffected.
    const custom: ErrorFormat = (errors) => ({
      status: 400,
      headers: [["content-type", "text/plain"]],
      body: errors.map((e) => e.loc.join(".")).join("\n"),
    });
    const customRes = await new TestClient(delegatingApp(custom).app).get("/items/x");
    expect([customRes.status, customRes.text]).toEqual([400, "path.item_id\nquery.q"]);
    const fastapiRes = await new TestClient(delegatingApp().app).get("/items/x");
    expect(fastapiRes.json().detail).toHaveLength(2);
  });

  it("can be registered as they are, or called for another error class", async () => {
    class OutOfStock extends Error {}
    const app = makeApp();
    app.exceptionHandler(HTTPException, httpExceptionHandler);
    app.exceptionHandler(RequestValidationError, requestValidationExceptionHandler);
    app.exceptionHandler(OutOfStock, (request: Request, error: OutOfStock) =>
      httpExceptionHandler(request, new HTTPException(409, error.message)),
    );
    app.get("/buy", () => {
      throw new OutOfStock("sold out");
    });
    const client = new TestClient(app);
    expect((await client.get("/items/3?q=x")).json()).toEqual({
      detail: "Nope! I don't like 3.",
    });
    expect((await client.get("/items/x")).status).toBe(422);
    const res = await client.get("/buy");
    expect([res.status, res.json()]).toEqual([409, { detail: "sold out" }]);
  });

  it("have the signature of a user's handler", () => {
    expectTypeOf(httpExceptionHandler).toExtend<ExceptionHandler<HTTPException>>();
    expectTypeOf(requestValidationExceptionHandler).toExtend<
      ExceptionHandler<RequestValidationError>
    >();
  });
});
