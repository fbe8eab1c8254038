import { describe, expect, it } from "vitest";
import { Request, Typhoon } from "../../src/index";
import { proxyHeaders } from "../../src/middleware/index";
import { TestClient } from "../../src/testing/index";

function makeApp(options?: Parameters<typeof proxyHeaders>[0]) {
  const app = new Typhoon();
  app.get("/where", { params: { request: Request } }, ({ request }) => ({
    url: request.url.href,
    client: request.client?.host ?? null,
  }));
  app.get("/slash/", () => "slash");
  app.addMiddleware(proxyHeaders(options));
  return app;
}

const forwardedHeaders = {
  "x-forwarded-proto": "https",
  "x-forwarded-for": "203.0.113.7, 10.0.0.2",
  "x-forwarded-host": "api.example.com",
};

describe("proxyHeaders", () => {
  it("believes X-Forwarded-* from a trusted proxy", async () => {
    const client = new TestClient(makeApp({ trustedHosts: ["testclient", "10.0.0.2"] }));
    const res = await client.get("/where", { headers: forwardedHeaders });
    expect(res.json()).toEqual({ url: "https://api.example.com/where", client: "203.0.113.7" });
    const redirect = await client.get("/slash", {
      headers: forwardedHeaders,
      followRedirects: false,
    });
    expect(redirect.headers.get("location")).toBe("https://api.example.com/slash/");
  });

  it("ignores them from anyone else", async () => {
    const res = await new TestClient(makeApp()).get("/where", { headers: forwardedHeaders });
    expect(res.json()).toEqual({ url: "http://testserver/where", client: "testclient" });
  });

  it("never puts an implausible forwarded host into the URL", async () => {
    const res = await new TestClient(makeApp({ trustedHosts: "*" })).get("/where", {
      headers: { "x-forwarded-host": "evil.com/path?x=<script>" },
    });
    expect(res.json().url).toBe("http://testserver/where");
  });
});
