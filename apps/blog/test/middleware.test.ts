import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBlog, type TestBlog } from "./support/blog";

// These tests only read (and nothing they read is written): one database serves the file.
let blog: TestBlog;
beforeAll(async () => {
  blog = await startBlog({ CORS_ORIGINS: "https://app.example.com, http://localhost:5173" });
});
afterAll(() => blog.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("gives every response a new id", async () => {
    const a = await blog.client.get("/health");
    const b = await blog.client.get("/health");
    expect(a.headers.get("x-request-id")).toMatch(UUID);
    expect(b.headers.get("x-request-id")).toMatch(UUID);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("keeps a plain incoming id and replaces anything else", async () => {
    const kept = await blog.client.get("/health", { headers: { "x-request-id": "edge-42.a:b" } });
    expect(kept.headers.get("x-request-id")).toBe("edge-42.a:b");
    for (const bad of ["has space", "x".repeat(129), "<script>"]) {
      const res = await blog.client.get("/health", { headers: { "x-request-id": bad } });
      expect(res.headers.get("x-request-id")).toMatch(UUID);
    }
  });

  it("is on error responses too, once", async () => {
    const res = await blog.client.get("/api/v1/posts/999", {
      headers: { "x-request-id": "req-1" },
    });
    expect(res.status).toBe(404);
    expect(res.headers.getAll("x-request-id")).toEqual(["req-1"]);
  });
});

describe("timing", () => {
  it("adds Server-Timing to every response", async () => {
    const res = await blog.client.get("/health");
    expect(res.headers.get("server-timing")).toMatch(/^app;dur=\d+(\.\d)?$/);
  });
});

describe("CORS", () => {
  it("answers a preflight from the front-end origin", async () => {
    const res = await blog.client.options("/api/v1/posts", {
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-allow-methods")).toContain("PATCH");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );
  });

  it("refuses a preflight from another origin", async () => {
    const res = await blog.client.options("/api/v1/posts", {
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("access-control-allow-origin")).toBeUndefined();
  });

  it("marks responses to the front-end and exposes the request id to it", async () => {
    const res = await blog.client.get("/api/v1/posts", {
      headers: { origin: "http://localhost:5173" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(res.headers.get("access-control-expose-headers")?.toLowerCase()).toContain(
      "x-request-id",
    );
    expect(res.headers.get("x-request-id")).toMatch(UUID);
  });
});
