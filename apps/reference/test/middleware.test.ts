import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { referenceClient } from "./helpers";

const ALLOWED = "https://allowed.example";
const OTHER = "https://other.example";

const preflight = (origin: string, method: string, requestHeaders?: string) => ({
  headers: {
    origin,
    "access-control-request-method": method,
    ...(requestHeaders === undefined ? {} : { "access-control-request-headers": requestHeaders }),
  },
});

const corsHeaderNames = (headers: Iterable<[string, string]>) =>
  [...headers].map(([name]) => name).filter((name) => name.startsWith("access-control-"));

describe("apps/reference/SPEC.md §1.2 middleware: CORS", () => {
  const { client } = referenceClient();

  it("does nothing without an Origin header", async () => {
    const res = await client.get("/");
    expect(corsHeaderNames(res.headers)).toEqual([]);
    expect(res.headers.get("vary")).toBeUndefined();
  });

  it("answers an allowed preflight itself, before routing, with the exact headers", async () => {
    for (const path of ["/items", "/no/such/path"]) {
      const res = await client.options(path, preflight(ALLOWED, "PUT", "x-custom, Content-Type"));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(res.text).toBe("OK");
      expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT");
      expect(res.headers.get("access-control-max-age")).toBe("600");
      expect(res.headers.get("access-control-allow-headers")).toBe(
        "Accept, Accept-Language, Content-Language, Content-Type, X-Custom",
      );
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
      expect(res.headers.get("vary")).toBe("Origin");
      expect(res.headers.get("access-control-expose-headers")).toBeUndefined();
    }
  });

  it("the global gate does not run for preflights", async () => {
    const res = await client.options("/", {
      headers: { ...preflight(ALLOWED, "GET").headers, "x-block": "yes" },
    });
    expect(res.status).toBe(200);
  });

  it.each([
    [OTHER, "GET", undefined, "Disallowed CORS origin"],
    [ALLOWED, "DELETE", undefined, "Disallowed CORS method"],
    [ALLOWED, "get", undefined, "Disallowed CORS method"],
    [ALLOWED, "GET", "X-Other", "Disallowed CORS headers"],
    [ALLOWED, "GET", "accept, x-custom,  X-Nope ", "Disallowed CORS headers"],
    [OTHER, "PATCH", "x-custom", "Disallowed CORS origin, method"],
    [OTHER, "PATCH", "x-nope", "Disallowed CORS origin, method, headers"],
  ])("preflight from %s for %s (headers %s): 400 %s", async (origin, method, headers, body) => {
    const res = await client.options("/items", preflight(origin, method, headers));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.text).toBe(body);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PUT");
    expect(res.headers.get("access-control-max-age")).toBe("600");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("vary")).toBe("Origin");
    expect(res.headers.get("access-control-allow-origin")).toBe(
      origin === ALLOWED ? ALLOWED : undefined,
    );
  });

  it("OPTIONS without the preflight headers is a normal 405", async () => {
    const res = await client.options("/items/3", { headers: { origin: ALLOWED } });
    expect(res.status).toBe(405);
    expect(res.json()).toEqual({ detail: "Method Not Allowed" });
    expect(res.headers.get("allow")).toBe("GET");
  });

  it("a simple request from an allowed origin gets the origin, credentials, exposed header and Vary", async () => {
    const res = await client.get("/", { headers: { origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
    expect(res.headers.get("vary")).toBe("Origin");
  });

  it("a request from another origin still gets credentials and the exposed header, whatever the status", async () => {
    for (const path of ["/", "/nowhere", "/teapot/coffee", "/items/abc"]) {
      const res = await client.get(path, { headers: { origin: OTHER } });
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      expect(res.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
      expect(res.headers.get("access-control-allow-origin")).toBeUndefined();
      expect(res.headers.get("vary")).toBeUndefined();
    }
  });
});

describe("apps/reference/SPEC.md §1.2 middleware: GZip (minimum 1000 bytes)", () => {
  const { client } = referenceClient();

  it("compresses a large body when gzip is accepted", async () => {
    for (const count of [300, 100]) {
      const plain = await client.get(`/large?count=${count}`);
      expect(plain.body.byteLength).toBeGreaterThanOrEqual(1000);
      const res = await client.get(`/large?count=${count}`, {
        headers: { "accept-encoding": "gzip, deflate" },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-encoding")).toBe("gzip");
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      expect(JSON.parse(gunzipSync(res.body).toString("utf8"))).toEqual(plain.json());
    }
  });

  it("the substring rule: any Accept-Encoding containing gzip", async () => {
    const res = await client.get("/large", { headers: { "accept-encoding": "x-gzip-ish" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });

  it("leaves small bodies, and clients without gzip, alone: no Vary, no Content-Encoding", async () => {
    const small = await client.get("/large?count=5", { headers: { "accept-encoding": "gzip" } });
    expect(small.body.byteLength).toBeLessThan(1000);
    expect(small.headers.get("content-encoding")).toBeUndefined();
    expect(small.headers.get("vary")).toBeUndefined();
    expect(small.json().count).toBe(5);
    for (const headers of [{}, { "accept-encoding": "br, deflate" }] as Record<string, string>[]) {
      const res = await client.get("/large", { headers });
      expect(res.headers.get("content-encoding")).toBeUndefined();
      expect(res.headers.get("vary")).toBeUndefined();
      expect(res.json().count).toBe(300);
    }
  });

  it("a compressed cross-origin response has Vary: Accept-Encoding, Origin", async () => {
    const res = await client.get("/large", {
      headers: { "accept-encoding": "gzip", origin: ALLOWED },
    });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Origin");
  });
});
