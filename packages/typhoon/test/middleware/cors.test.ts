import type { Scope, SendMessage, ServerApp } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { cors, gzip } from "../../src/middleware/index";
import { TestClient } from "../../src/testing/index";
import { referenceLikeApp, SPEC_CORS } from "./helpers";

const ALLOWED = "https://allowed.example";
const OTHER = "https://evil.example";

/** apps/reference/SPEC.md §1.2: CORS outermost, GZip (minimum 1000) inside it. */
function specClient() {
  const app = referenceLikeApp();
  return new TestClient(cors(SPEC_CORS)(gzip({ minimumSize: 1000 })(app.serverApp)));
}

function corsHeaderNames(headers: Iterable<[string, string]>): string[] {
  return [...headers].map(([name]) => name).filter((name) => name.startsWith("access-control-"));
}

const preflight = (origin: string, method: string, requestHeaders?: string) => ({
  headers: {
    origin,
    "access-control-request-method": method,
    ...(requestHeaders === undefined ? {} : { "access-control-request-headers": requestHeaders }),
  },
});

describe("cors: apps/reference/SPEC.md §1.2 reference configuration", () => {
  const client = specClient();

  it("does nothing without an Origin header", async () => {
    const res = await client.get("/items");
    expect(res.status).toBe(200);
    expect(corsHeaderNames(res.headers)).toEqual([]);
    expect(res.headers.get("vary")).toBeUndefined();
    // Not a preflight either: an OPTIONS without Origin reaches routing.
    const options = await client.options("/items", {
      headers: { "access-control-request-method": "GET" },
    });
    expect(options.status).toBe(405);
    expect(corsHeaderNames(options.headers)).toEqual([]);
  });

  it("answers an allowed preflight with 200 OK and the exact headers", async () => {
    const res = await client.options(
      "/items",
      preflight(ALLOWED, "POST", "X-Custom, content-type"),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe("OK");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT");
    expect(res.headers.get("access-control-max-age")).toBe("600");
    expect(res.headers.get("access-control-allow-headers")).toBe(
      "Accept, Accept-Language, Content-Language, Content-Type, X-Custom",
    );
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("vary")).toBe("Origin");
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-expose-headers")).toBeUndefined();
    expect(corsHeaderNames(res.headers).sort()).toEqual([
      "access-control-allow-credentials",
      "access-control-allow-headers",
      "access-control-allow-methods",
      "access-control-allow-origin",
      "access-control-max-age",
    ]);
  });

  it("answers preflights before routing: unknown paths get the same answer", async () => {
    const res = await client.options("/no/such/path", preflight(ALLOWED, "GET"));
    expect(res.status).toBe(200);
    expect(res.text).toBe("OK");
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });

  it.each([
    [OTHER, "GET", undefined, "Disallowed CORS origin"],
    [ALLOWED, "DELETE", undefined, "Disallowed CORS method"],
    [ALLOWED, "get", undefined, "Disallowed CORS method"], // case-sensitive
    [ALLOWED, "GET", "X-Other", "Disallowed CORS headers"],
    [ALLOWED, "GET", "X-Custom, X-Other", "Disallowed CORS headers"],
    [OTHER, "DELETE", undefined, "Disallowed CORS origin, method"],
    [OTHER, "GET", "X-Other", "Disallowed CORS origin, headers"],
    [ALLOWED, "PATCH", "X-Other", "Disallowed CORS method, headers"],
    [OTHER, "PATCH", "X-Other", "Disallowed CORS origin, method, headers"],
  ])("refuses preflight from %s for %s %s: %s", async (origin, method, headers, body) => {
    const res = await client.options("/items", preflight(origin, method, headers));
    expect(res.status).toBe(400);
    expect(res.text).toBe(body);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    // The fixed preflight headers are there even on a refusal.
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT");
    expect(res.headers.get("access-control-max-age")).toBe("600");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("vary")).toBe("Origin");
    const originAllowed = origin === ALLOWED;
    expect(res.headers.get("access-control-allow-origin")).toBe(
      originAllowed ? ALLOWED : undefined,
    );
  });

  it("accepts requested headers trimmed and in any case", async () => {
    const res = await client.options(
      "/items",
      preflight(ALLOWED, "PUT", " accept ,ACCEPT-LANGUAGE,content-language,x-custom"),
    );
    expect(res.status).toBe(200);
  });

  it("adds credentials and exposed headers to a simple request from an allowed origin", async () => {
    const res = await client.get("/items", { headers: { origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ items: ["a", "b"] });
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
    expect(res.headers.get("vary")).toBe("Origin");
    expect(res.headers.get("access-control-allow-methods")).toBeUndefined();
  });

  it("adds credentials and exposed headers even when the origin is not allowed", async () => {
    const res = await client.get("/items", { headers: { origin: OTHER } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
    expect(res.headers.get("access-control-allow-origin")).toBeUndefined();
    expect(res.headers.get("vary")).toBeUndefined();
  });

  it("handles the request normally whatever the status", async () => {
    for (const [path, status] of [
      ["/teapot", 418],
      ["/missing", 404],
    ] as const) {
      const res = await client.get(path, { headers: { origin: ALLOWED } });
      expect(res.status).toBe(status);
      expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    }
    // An OPTIONS with Origin but without Access-Control-Request-Method is not a preflight.
    const res = await client.options("/items", { headers: { origin: ALLOWED } });
    expect(res.status).toBe(405);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });

  it("merges Vary: GZip's Accept-Encoding first, then Origin", async () => {
    const res = await client.get("/large", {
      headers: { origin: ALLOWED, "accept-encoding": "gzip" },
    });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Origin");
    const app = await client.get("/vary-cookie", { headers: { origin: ALLOWED } });
    expect(app.headers.getAll("vary")).toEqual(["Cookie, Origin"]);
  });
});

describe("cors: other configurations", () => {
  const app = referenceLikeApp();

  it('allowOrigins "*": answers * and does not vary, unless the request carries cookies', async () => {
    const client = new TestClient(cors({ allowOrigins: "*" })(app.serverApp));
    const res = await client.get("/items", { headers: { origin: OTHER } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("vary")).toBeUndefined();
    expect(res.headers.get("access-control-allow-credentials")).toBeUndefined();
    const withCookie = await client.get("/items", {
      headers: { origin: OTHER },
      cookies: { session: "1" },
    });
    expect(withCookie.headers.get("access-control-allow-origin")).toBe(OTHER);
    expect(withCookie.headers.get("vary")).toBe("Origin");
    const pre = await client.options("/x", preflight(OTHER, "GET"));
    expect(pre.status).toBe(200);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("vary")).toBeUndefined();
  });

  it('allowOrigins "*" with credentials is a setup error, never a reflection of any origin', () => {
    expect(() => cors({ allowOrigins: "*", allowCredentials: true })).toThrow(TypeError);
  });

  it("regex and function origins are echoed when they match", async () => {
    const byRegex = new TestClient(
      cors({ allowOrigins: /https:\/\/[a-z]+\.example\.org/ })(app.serverApp),
    );
    const ok = await byRegex.get("/items", { headers: { origin: "https://app.example.org" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example.org");
    const bad = await byRegex.get("/items", {
      headers: { origin: "https://app.example.org.evil" },
    });
    expect(bad.headers.get("access-control-allow-origin")).toBeUndefined();

    const byFunction = new TestClient(
      cors({ allowOrigins: (origin) => origin.endsWith(".trusted"), allowCredentials: true })(
        app.serverApp,
      ),
    );
    const pre = await byFunction.options("/items", preflight("https://a.trusted", "GET"));
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://a.trusted");
    const refused = await byFunction.options("/items", preflight("https://a.other", "GET"));
    expect(refused.text).toBe("Disallowed CORS origin");
  });

  it('allowHeaders "*" mirrors the requested headers', async () => {
    const client = new TestClient(
      cors({ allowOrigins: [ALLOWED], allowHeaders: "*", allowMethods: "*" })(app.serverApp),
    );
    const res = await client.options("/items", preflight(ALLOWED, "DELETE", "X-Anything, X-Else"));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-headers")).toBe("X-Anything, X-Else");
    expect(res.headers.get("access-control-allow-methods")).toBe(
      "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
    );
  });

  it("passes websocket and lifespan scopes straight through", async () => {
    const seen: string[] = [];
    const inner: ServerApp = async (scope) => {
      seen.push(scope.type);
    };
    const wrapped = cors(SPEC_CORS)(inner);
    const sent: SendMessage[] = [];
    const scope = {
      type: "websocket",
      headers: [["origin", OTHER]],
    } as unknown as Scope;
    await wrapped(
      scope,
      async () => ({ type: "websocket.connect" }),
      async (m) => {
        sent.push(m);
      },
    );
    await wrapped(
      { type: "lifespan" } as Scope,
      async () => ({ type: "lifespan.startup" }),
      async () => {},
    );
    expect(seen).toEqual(["websocket", "lifespan"]);
    expect(sent).toEqual([]);
  });
});
