import type { Middleware, ServerApp } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { cors, gzip, httpMiddleware, trustedHost } from "../../src/middleware/index";
import { TestClient } from "../../src/testing/index";
import { referenceLikeApp, SPEC_CORS } from "./helpers";

/**
 * What `app.addMiddleware(a); app.addMiddleware(b)` will build: the last added wraps the rest,
 * so it is the outermost (Starlette's rule). Written out here by hand: `b(a(inner))`.
 */
function stack(inner: ServerApp, ...addedInOrder: Middleware[]): ServerApp {
  return addedInOrder.reduce((app, middleware) => middleware(app), inner);
}

const ORIGIN = "https://allowed.example";
const both = { headers: { origin: ORIGIN, "accept-encoding": "gzip" } };

describe("middleware order", () => {
  const inner = referenceLikeApp().serverApp;

  it("apps/reference/SPEC.md §1.2's order (GZip added first, CORS last = outermost): Vary is 'Accept-Encoding, Origin'", async () => {
    const client = new TestClient(stack(inner, gzip({ minimumSize: 1000 }), cors(SPEC_CORS)));
    const res = await client.get("/large", both);
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Origin");
  });

  it("the other way round, the outer GZip appends after CORS: 'Origin, Accept-Encoding'", async () => {
    const client = new TestClient(stack(inner, cors(SPEC_CORS), gzip({ minimumSize: 1000 })));
    const res = await client.get("/large", both);
    expect(res.headers.get("vary")).toBe("Origin, Accept-Encoding");
  });

  it("an outer middleware answers before the inner ones run", async () => {
    const ran: string[] = [];
    const spy = httpMiddleware((request, callNext) => {
      ran.push("spy");
      return callNext(request);
    });
    // trustedHost added last: outermost, so a bad host never reaches the spy or CORS.
    const app = stack(inner, spy, cors(SPEC_CORS), trustedHost({ allowedHosts: ["good.test"] }));
    const refused = await new TestClient(app, { host: "bad.test" }).get("/items", both);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("access-control-allow-origin")).toBeUndefined();
    expect(ran).toEqual([]);
    // A preflight is answered by CORS, so the spy inside it does not run either.
    const preflight = await new TestClient(app, { host: "good.test" }).options("/items", {
      headers: { origin: ORIGIN, "access-control-request-method": "GET" },
    });
    expect(preflight.text).toBe("OK");
    expect(ran).toEqual([]);
    await new TestClient(app, { host: "good.test" }).get("/items", both);
    expect(ran).toEqual(["spy"]);
  });

  it("a function middleware outside GZip sees the compressed head", async () => {
    let seen: string | undefined;
    const spy = httpMiddleware(async (request, callNext) => {
      const response = await callNext(request);
      seen = response.headers.find(([name]) => name === "content-encoding")?.[1];
      return response;
    });
    await new TestClient(stack(inner, gzip(), spy)).get("/large", both);
    expect(seen).toBe("gzip");
    seen = undefined;
    await new TestClient(stack(inner, spy, gzip())).get("/large", both);
    expect(seen).toBeUndefined();
  });
});
