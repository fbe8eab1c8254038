import zlib from "node:zlib";
import { httpRequest, type ServerApp } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { Response, Typhoon } from "../../src/index";
import { brotli, compression, gzip } from "../../src/middleware/index";
import { TestClient } from "../../src/testing/index";
import { referenceLikeApp } from "./helpers";

const gzipped = { headers: { "accept-encoding": "gzip, deflate" } };

describe("gzip: apps/reference/SPEC.md §1.2 (minimum size 1000)", () => {
  const app = referenceLikeApp();
  const client = new TestClient(gzip({ minimumSize: 1000 })(app.serverApp));
  const plain = new TestClient(app);

  it.each([300, 100])("compresses /large?count=%i when gzip is accepted", async (count) => {
    const expected = await plain.get("/large", { query: { count } });
    expect(expected.body.byteLength).toBeGreaterThanOrEqual(1000);
    const res = await client.get("/large", { query: { count }, ...gzipped });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.getAll("content-length")).toEqual([String(res.body.byteLength)]);
    expect(res.body.byteLength).toBeLessThan(expected.body.byteLength);
    expect(zlib.gunzipSync(res.body)).toEqual(Buffer.from(expected.body));
  });

  it("leaves small bodies alone: no Vary, no Content-Encoding", async () => {
    const res = await client.get("/large", { query: { count: 5 }, ...gzipped });
    expect(res.body.byteLength).toBeLessThan(1000);
    expect(res.headers.get("content-encoding")).toBeUndefined();
    expect(res.headers.get("vary")).toBeUndefined();
    expect(res.json().count).toBe(5);
  });

  it("leaves responses alone when gzip is not accepted (substring test, as Starlette)", async () => {
    for (const accept of [undefined, "br, deflate", "identity"]) {
      const headers: Record<string, string> =
        accept === undefined ? {} : { "accept-encoding": accept };
      const res = await client.get("/large", { headers });
      expect(res.headers.get("content-encoding")).toBeUndefined();
      expect(res.headers.get("vary")).toBeUndefined();
      expect(res.json().count).toBe(300);
    }
    const substring = await client.get("/large", { headers: { "accept-encoding": "x-gzip" } });
    expect(substring.headers.get("content-encoding")).toBe("gzip");
  });

  it("appends to an existing Vary", async () => {
    const res = await client.get("/vary-cookie", gzipped);
    expect(res.headers.getAll("vary")).toEqual(["Cookie, Accept-Encoding"]);
  });
});

describe("gzip: what is never compressed", () => {
  const big = "z".repeat(5000);
  const app = new Typhoon();
  app.get("/encoded", () => new Response(big, { headers: { "content-encoding": "identity-ish" } }));
  app.get("/png", () => new Response(big, { headers: { "content-type": "image/png" } }));
  app.get("/html", () => new Response(big, { headers: { "content-type": "text/html" } }));
  app.get("/sse", () => new Response(big, { headers: { "content-type": "text/event-stream" } }));
  app.get("/untyped", () => new Response(big));
  app.get("/empty", () => new Response(null, { status: 204 }));
  app.get("/partial", () => new Response(big, { status: 206 }));
  app.get("/etag", () => new Response(big, { headers: { etag: '"v1"' } }));

  it("skips already-encoded bodies, event streams, 204 and 206", async () => {
    const client = new TestClient(gzip()(app.serverApp));
    for (const path of ["/encoded", "/sse", "/empty", "/partial"]) {
      const res = await client.get(path, gzipped);
      expect(res.headers.get("content-encoding") ?? null, path).not.toBe("gzip");
      expect(res.headers.get("vary"), path).toBeUndefined();
    }
    expect((await client.get("/png", gzipped)).headers.get("content-encoding")).toBe("gzip");
  });

  it("with contentTypes, compresses only the listed types (wildcards allowed)", async () => {
    const client = new TestClient(
      gzip({ contentTypes: ["text/*", "application/json"] })(app.serverApp),
    );
    expect((await client.get("/html", gzipped)).headers.get("content-encoding")).toBe("gzip");
    expect((await client.get("/png", gzipped)).headers.get("content-encoding")).toBeUndefined();
    expect((await client.get("/untyped", gzipped)).headers.get("content-encoding")).toBeUndefined();
    // The default exclusion still applies inside an allowed family.
    expect((await client.get("/sse", gzipped)).headers.get("content-encoding")).toBeUndefined();
  });

  it("never compresses a HEAD answer, and keeps its headers honest", async () => {
    const raw: ServerApp = async (_scope, _receive, send) => {
      const body = new TextEncoder().encode(big);
      await send({
        type: "http.response.start",
        status: 200,
        headers: [["content-length", String(body.byteLength)]],
      });
      await send({ type: "http.response.body", body });
    };
    const res = await httpRequest(gzip()(raw), { method: "HEAD", path: "/", ...gzipped });
    expect(res.headers).toEqual([["content-length", "5000"]]);
    expect(res.body.byteLength).toBe(0);
  });

  it("weakens a strong ETag on a compressed body", async () => {
    const client = new TestClient(gzip()(app.serverApp));
    expect((await client.get("/etag", gzipped)).headers.get("etag")).toBe('W/"v1"');
    expect((await client.get("/etag")).headers.get("etag")).toBe('"v1"');
  });

  it("checks its options at setup", () => {
    expect(() => gzip({ compressLevel: 0 })).toThrow(/1 to 9/);
    expect(() => gzip({ minimumSize: -5 })).toThrow(/minimumSize/);
    expect(() => brotli({ quality: 12 })).toThrow(/0 to 11/);
    expect(() => compression({ encodings: ["deflate" as never] })).toThrow(/unsupported/);
  });
});

describe("brotli and negotiated compression", () => {
  const app = referenceLikeApp();

  it("brotli() compresses for clients that accept br", async () => {
    const client = new TestClient(brotli()(app.serverApp));
    const res = await client.get("/large", { headers: { "accept-encoding": "gzip, br" } });
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(JSON.parse(zlib.brotliDecompressSync(res.body).toString()).count).toBe(300);
    const refused = await client.get("/large", { headers: { "accept-encoding": "br;q=0" } });
    expect(refused.headers.get("content-encoding")).toBeUndefined();
  });

  it("compression() picks the coding by q weights, ties to the server's order", async () => {
    const client = new TestClient(compression()(app.serverApp));
    const decode = {
      br: (b: Uint8Array) => zlib.brotliDecompressSync(b),
      gzip: (b: Uint8Array) => zlib.gunzipSync(b),
    };
    for (const [accept, expected] of [
      ["gzip, br", "br"],
      ["gzip;q=1, br;q=0.5", "gzip"],
      ["*", "br"],
      ["identity", undefined],
    ] as const) {
      const res = await client.get("/large", { headers: { "accept-encoding": accept } });
      expect(res.headers.get("content-encoding"), accept).toBe(expected);
      const body = expected === undefined ? res.body : decode[expected](res.body);
      expect(JSON.parse(Buffer.from(body).toString()).rows).toHaveLength(300);
    }
    const gzipFirst = new TestClient(compression({ encodings: ["gzip", "br"] })(app.serverApp));
    const res = await gzipFirst.get("/large", { headers: { "accept-encoding": "br, gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });
});
