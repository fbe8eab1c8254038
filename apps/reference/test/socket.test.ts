import { gunzipSync } from "node:zlib";
import nodeFetch from "node-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveReference } from "./socket";

const ALLOWED = "https://allowed.example";

describe("smoke over a real socket: startup, GZip, CORS, redirects", () => {
  let server: Awaited<ReturnType<typeof serveReference>>;
  beforeAll(async () => {
    server = await serveReference();
  });
  afterAll(() => server.close());

  it("ran the startup (lifespan) before serving", async () => {
    const res = await nodeFetch(`${server.url}/startup-state`);
    expect(await res.json()).toEqual({
      startup_complete: true,
      preloaded: ["alpha", "beta", "gamma"],
    });
  });

  it("sends a gzip body with Vary: Accept-Encoding, Origin to an allowed origin", async () => {
    const res = await nodeFetch(`${server.url}/large?count=100`, {
      headers: { "accept-encoding": "gzip", origin: ALLOWED },
      compress: false,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Origin");
    expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(res.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
    const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8"));
    expect(body.count).toBe(100);
    expect(body.rows[99]).toEqual({ index: 99, label: "row-0099" });
  });

  it("leaves a small body uncompressed", async () => {
    const res = await nodeFetch(`${server.url}/large?count=5`, {
      headers: { "accept-encoding": "gzip" },
      compress: false,
    });
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("vary")).toBeNull();
    expect((await res.json()) as unknown).toMatchObject({ count: 5 });
  });

  it("answers a preflight from a disallowed origin with 400 text", async () => {
    const res = await nodeFetch(`${server.url}/items`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "DELETE" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe("Disallowed CORS origin, method");
  });

  it("redirects /slash to an absolute Location built from the Host header", async () => {
    const res = await nodeFetch(`${server.url}/slash?x=1`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe(`${server.url}/slash/?x=1`);
  });
});
