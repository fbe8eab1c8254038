/**
 * Behind a reverse proxy: the server itself ignores X-Forwarded-* (the client is the socket's
 * peer, the scheme the listener's), so a client cannot spoof them; the app opts in for its
 * own proxies with the middleware SECURITY.md shows (examples/proxy-headers.ts).
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { Request, type ServerHandle, serve, Typhoon } from "../../src/index";
import { proxyHeaders } from "./examples/proxy-headers";
import { call } from "./harness";

const servers: ServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(trusted?: string[]) {
  const app = new Typhoon({ logger: { info() {}, warn() {}, error() {} } });
  app.get("/whoami", { params: { request: Request } }, ({ request }) => ({
    client: request.client?.host,
    scheme: request.scope.scheme,
    url: request.url.href,
  }));
  app.get("/docs-home/", () => ({ ok: true }));
  if (trusted !== undefined) app.addMiddleware(proxyHeaders({ trusted }));
  const server = await serve(app, { host: "127.0.0.1", port: 0, logLevel: "silent" });
  servers.push(server);
  return server;
}

const forwarded = {
  "x-forwarded-for": "203.0.113.9, 198.51.100.7",
  "x-forwarded-proto": "https",
  host: "api.example",
};

describe("X-Forwarded-* headers", () => {
  it("are ignored by the server: client and scheme come from the socket", async () => {
    const server = await start();
    const answer = await call(server, "GET", "/whoami", { headers: forwarded });
    expect(answer.json()).toEqual({
      client: "127.0.0.1",
      scheme: "http",
      url: "http://api.example/whoami",
    });
    // So the trailing-slash redirect behind a TLS proxy points at http:// (see SECURITY.md).
    const redirect = await call(server, "GET", "/docs-home", { headers: forwarded });
    expect(redirect.headers.location).toBe("http://api.example/docs-home/");
  });

  it("are believed from a trusted proxy once the app adds proxyHeaders()", async () => {
    const server = await start(["127.0.0.1"]);
    const answer = await call(server, "GET", "/whoami", { headers: forwarded });
    expect(answer.json()).toEqual({
      client: "198.51.100.7",
      scheme: "https",
      url: "https://api.example/whoami",
    });
    const redirect = await call(server, "GET", "/docs-home", { headers: forwarded });
    expect(redirect.headers.location).toBe("https://api.example/docs-home/");
  });

  it("are ignored from any other peer, even with proxyHeaders()", async () => {
    const server = await start(["10.0.0.1"]);
    const answer = await call(server, "GET", "/whoami", { headers: forwarded });
    expect(answer.json().client).toBe("127.0.0.1");
    expect(answer.json().scheme).toBe("http");
  });
});

describe("SECURITY.md", () => {
  it("quotes the proxyHeaders() example exactly as tested here", () => {
    const doc = readFileSync(new URL("../../../../SECURITY.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("./examples/proxy-headers.ts", import.meta.url), "utf8");
    expect(doc).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});
