import { httpRequest, type Scope, type SendMessage, type ServerApp } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { httpsRedirect, trustedHost } from "../../src/middleware/index";
import { hostName } from "../../src/middleware/trusted-host";
import { TestClient } from "../../src/testing/index";
import { referenceLikeApp } from "./helpers";

async function websocketAnswer(app: ServerApp, headers: [string, string][], scheme = "ws") {
  const sent: SendMessage[] = [];
  const scope = {
    type: "websocket",
    scheme,
    headers,
    path: "/ws",
    raw_path: "/ws",
    root_path: "",
    query_string: "",
    server: ["testserver", 80],
  } as unknown as Scope;
  await app(
    scope,
    async () => ({ type: "websocket.connect" }),
    async (message) => {
      sent.push(message);
    },
  );
  return { sent };
}

describe("trustedHost", () => {
  const app = referenceLikeApp();
  const guarded = trustedHost({ allowedHosts: ["example.com", "*.example.org"] })(app.serverApp);

  it("lets allowed hosts through, ignoring the port and case", async () => {
    for (const host of ["example.com", "EXAMPLE.com:8000", "api.example.org", "a.b.example.org"]) {
      const res = await new TestClient(guarded, { host }).get("/items");
      expect(res.status, host).toBe(200);
    }
  });

  it("refuses other hosts with 400 Invalid host header", async () => {
    for (const host of ["evil.com", "example.org", "notexample.com", "example.com.evil.com"]) {
      const res = await new TestClient(guarded, { host }).get("/items");
      expect(res.status, host).toBe(400);
      expect(res.text).toBe("Invalid host header");
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    }
    const missing = await httpRequest(guarded, { path: "/items", headers: [] });
    expect(missing.status).toBe(400);
  });

  it("redirects to www when only the www host is allowed", async () => {
    const www = trustedHost({ allowedHosts: ["www.example.com"] })(app.serverApp);
    const res = await new TestClient(www, { host: "example.com:8080", followRedirects: false }).get(
      "/items",
      {
        query: { q: "a b" },
      },
    );
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://www.example.com:8080/items?q=a+b");
    const off = trustedHost({ allowedHosts: ["www.example.com"], wwwRedirect: false });
    const refused = await new TestClient(off(app.serverApp), { host: "example.com" }).get("/");
    expect(refused.status).toBe(400);
  });

  it("allows any host with * (the default)", async () => {
    const open = trustedHost()(app.serverApp);
    expect((await new TestClient(open, { host: "whatever" }).get("/items")).status).toBe(200);
  });

  it("refuses a WebSocket handshake from a bad host before the app runs", async () => {
    let reached = false;
    const inner: ServerApp = async () => {
      reached = true;
    };
    const wrapped = trustedHost({ allowedHosts: ["example.com"] })(inner);
    const bad = await websocketAnswer(wrapped, [["host", "evil.com"]]);
    expect(bad.sent).toEqual([{ type: "websocket.close", code: 1008 }]);
    expect(reached).toBe(false);
    await websocketAnswer(wrapped, [["host", "example.com"]]);
    expect(reached).toBe(true);
  });

  it("rejects malformed wildcard patterns at setup", () => {
    expect(() => trustedHost({ allowedHosts: ["*example.com"] })).toThrow(/\*\.example\.com/);
    expect(() => trustedHost({ allowedHosts: ["api.*.com"] })).toThrow(TypeError);
  });

  it("reads host names from Host headers, IPv6 included", () => {
    expect(hostName("[::1]:8000")).toBe("[::1]");
    expect(hostName(" Example.COM ")).toBe("example.com");
  });
});

describe("httpsRedirect", () => {
  const app = referenceLikeApp();
  const redirecting = httpsRedirect()(app.serverApp);

  it("answers plain HTTP with 307 to the https URL, path and query kept", async () => {
    const res = await new TestClient(redirecting, {
      host: "example.com",
      followRedirects: false,
    }).post("/items/a%20b", {
      query: "x=1&y=%2F",
    });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("https://example.com/items/a%20b?x=1&y=%2F");
  });

  it("drops the default ports and keeps others", async () => {
    for (const [host, location] of [
      ["example.com:80", "https://example.com/"],
      ["example.com:443", "https://example.com/"],
      ["example.com:8080", "https://example.com:8080/"],
      ["[::1]:80", "https://[::1]/"],
    ]) {
      const res = await new TestClient(redirecting, { host, followRedirects: false }).get("/");
      expect(res.headers.get("location"), host).toBe(location);
    }
  });

  it("keeps the root path of a mounted app", async () => {
    const res = await new TestClient(redirecting, {
      host: "h.test",
      rootPath: "/api",
      followRedirects: false,
    }).get("/items");
    expect(res.headers.get("location")).toBe("https://h.test/api/items");
  });

  it("lets https requests through", async () => {
    const res = await httpRequest(redirecting, { path: "/items", scheme: "https" });
    expect(res.status).toBe(200);
  });

  it("refuses ws:// handshakes and lets wss:// through", async () => {
    let reached = false;
    const inner: ServerApp = async () => {
      reached = true;
    };
    const wrapped = httpsRedirect()(inner);
    const ws = await websocketAnswer(wrapped, [["host", "example.com"]], "ws");
    expect(ws.sent).toEqual([{ type: "websocket.close", code: 1008 }]);
    expect(reached).toBe(false);
    await websocketAnswer(wrapped, [["host", "example.com"]], "wss");
    expect(reached).toBe(true);
  });
});
