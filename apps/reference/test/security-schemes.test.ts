import { describe, expect, it } from "vitest";
import { expectDetail, expectJson, referenceClient } from "./helpers";

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const basicHeader = (pair: string) => ({
  headers: { authorization: `Basic ${Buffer.from(pair, "latin1").toString("base64")}` },
});

describe("apps/reference/SPEC.md §2.11 security: HTTP Basic", () => {
  const { client } = referenceClient();
  const challenge = 'Basic realm="conformance"';

  it("answers the username for admin / s3cr3t", async () => {
    expectJson(await client.get("/basic/whoami", basicHeader("admin:s3cr3t")), {
      username: "admin",
    });
  });

  it.each([
    ["no header", {}, "Not authenticated"],
    ["another scheme", { headers: { authorization: "Bearer abc" } }, "Not authenticated"],
    // FastAPI 0.141 answers malformed credentials as missing ones (§4.13).
    ["not base64", { headers: { authorization: "Basic !!!" } }, "Not authenticated"],
    ["no colon", basicHeader("adminsecret"), "Not authenticated"],
    ["not ASCII", basicHeader("ädmin:s3cr3t"), "Not authenticated"],
    ["wrong password", basicHeader("admin:wrong"), "Incorrect username or password"],
    ["split at the first colon", basicHeader("admin:s3cr3t:x"), "Incorrect username or password"],
    ["wrong user", basicHeader("root:s3cr3t"), "Incorrect username or password"],
  ])("%s: 401 with the realm challenge", async (_case, options, detail) => {
    const res = await client.get("/basic/whoami", options);
    expectDetail(res, 401, detail);
    expect(res.headers.get("www-authenticate")).toBe(challenge);
  });

  it("the scheme is case-insensitive", async () => {
    const token = Buffer.from("admin:s3cr3t").toString("base64");
    expectJson(
      await client.get("/basic/whoami", { headers: { authorization: `bAsIc ${token}` } }),
      {
        username: "admin",
      },
    );
  });
});

describe("apps/reference/SPEC.md §2.11 security: HTTP Bearer (modern FastAPI: 401 + WWW-Authenticate)", () => {
  const { client } = referenceClient();

  it("answers the scheme exactly as sent and the credentials", async () => {
    expectJson(await client.get("/bearer/check", bearer("tok-1")), {
      scheme: "Bearer",
      token: "tok-1",
    });
    expectJson(await client.get("/bearer/check", { headers: { authorization: "BEARER x y" } }), {
      scheme: "BEARER",
      token: "x y",
    });
  });

  it.each([
    ["no header", {}],
    ["an empty credentials part", { headers: { authorization: "Bearer" } }],
    ["another scheme", { headers: { authorization: "Basic abc" } }],
  ])("%s: 401 Not authenticated", async (_case, options) => {
    const res = await client.get("/bearer/check", options);
    expectDetail(res, 401, "Not authenticated");
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });
});

describe("apps/reference/SPEC.md §2.11 security: API keys (modern FastAPI: 401 + WWW-Authenticate)", () => {
  const { client } = referenceClient();

  it("GET /apikey/header reads X-API-Key, case-insensitively", async () => {
    expectJson(await client.get("/apikey/header", { headers: { "x-api-key": "key-123" } }), {
      source: "header",
      valid: true,
    });
    expectJson(await client.get("/apikey/header", { headers: { "X-API-KEY": "other" } }), {
      source: "header",
      valid: false,
    });
  });

  it("GET /apikey/query reads api_key, case-sensitively", async () => {
    expectJson(await client.get("/apikey/query?api_key=key-456"), { source: "query", valid: true });
    expectJson(await client.get("/apikey/query?api_key=nope"), { source: "query", valid: false });
    expectDetail(await client.get("/apikey/query?API_KEY=key-456"), 401, "Not authenticated");
  });

  it("GET /apikey/cookie reads session_key", async () => {
    expectJson(await client.get("/apikey/cookie", { cookies: { session_key: "key-123" } }), {
      source: "cookie",
      valid: true,
    });
  });

  it("a missing or empty key: 401 Not authenticated with a challenge", async () => {
    const cases = [
      client.get("/apikey/header"),
      client.get("/apikey/header", { headers: { "x-api-key": "" } }),
      client.get("/apikey/query"),
      client.get("/apikey/query?api_key="),
      client.get("/apikey/cookie"),
      client.get("/apikey/cookie", { cookies: { session_key: "" } }),
    ];
    for (const res of await Promise.all(cases)) {
      expectDetail(res, 401, "Not authenticated");
      expect(res.headers.get("www-authenticate")).toBeTruthy();
    }
  });

  it("GET /apikey/any: header, then query, then cookie; the first non-empty value wins", async () => {
    expectJson(
      await client.get("/apikey/any?api_key=bad", {
        headers: { "x-api-key": "key-123" },
        cookies: { session_key: "bad" },
      }),
      { authenticated_via: "header" },
    );
    expectJson(await client.get("/apikey/any?api_key=key-456", { headers: { "x-api-key": "" } }), {
      authenticated_via: "query",
    });
    expectJson(await client.get("/apikey/any?api_key=", { cookies: { session_key: "key-123" } }), {
      authenticated_via: "cookie",
    });
  });

  it("GET /apikey/any: 403 naming where the invalid key was, 401 when there is none", async () => {
    expectDetail(
      await client.get("/apikey/any?api_key=key-123", { headers: { "x-api-key": "bad" } }),
      403,
      "Invalid API key in header",
    );
    expectDetail(await client.get("/apikey/any?api_key=bad"), 403, "Invalid API key in query");
    expectDetail(
      await client.get("/apikey/any", { cookies: { session_key: "bad" } }),
      403,
      "Invalid API key in cookie",
    );
    expectDetail(await client.get("/apikey/any"), 401, "API key required");
  });
});
