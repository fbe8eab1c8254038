import { readFileSync } from "node:fs";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { TestClient } from "../../src/testing/index";
import * as corsGzip from "./examples/cors-gzip";
import * as hosts from "./examples/hosts";
import { serverHeader } from "./examples/server-header";
import * as timing from "./examples/timing";

const docs = readFileSync(new URL("../../docs/middleware.md", import.meta.url), "utf8");

/** The docs quote each example file verbatim. */
function quoted(name: string): string {
  return readFileSync(new URL(`./examples/${name}.ts`, import.meta.url), "utf8");
}

describe("docs/middleware.md examples", () => {
  it.each(["timing", "cors-gzip", "hosts", "server-header"])(
    "quotes examples/%s.ts verbatim",
    (name) => {
      expect(docs).toContain(`\`\`\`ts\n${quoted(name)}\`\`\``);
    },
  );

  it("timing: adds X-Process-Time, and answers 503 in maintenance", async () => {
    const client = new TestClient(timing.serverApp);
    const res = await client.get("/hello");
    expect(res.json()).toEqual({ message: "Hello" });
    expect(res.headers.get("x-process-time")).toMatch(/^\d+\.\d{6}$/);
    timing.settings.maintenance = true;
    try {
      const down = await client.get("/hello");
      expect(down.status).toBe(503);
      expect(down.text).toBe("Back soon");
    } finally {
      timing.settings.maintenance = false;
    }
  });

  it("cors-gzip: compressed, cross-origin, Vary merged", async () => {
    const client = new TestClient(corsGzip.serverApp);
    const res = await client.get("/rows", {
      headers: { origin: "https://app.example.com", "accept-encoding": "gzip, br" },
    });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding, Origin");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(JSON.parse(zlib.gunzipSync(res.body).toString()).rows).toHaveLength(200);
    const preflight = await client.options("/rows", {
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.status).toBe(200);
  });

  it("hosts: unknown host 400, plain HTTP redirected", async () => {
    const bad = await new TestClient(hosts.serverApp, { host: "evil.test" }).get("/");
    expect(bad.status).toBe(400);
    const good = await new TestClient(hosts.serverApp, {
      host: "api.example.com",
      followRedirects: false,
    }).get("/");
    expect(good.status).toBe(307);
    expect(good.headers.get("location")).toBe("https://api.example.com/");
  });

  it("server-header: adds a header to every HTTP response", async () => {
    const res = await new TestClient(serverHeader(timing.serverApp)).get("/hello");
    expect(res.headers.get("server")).toBe("typhoon");
  });
});
