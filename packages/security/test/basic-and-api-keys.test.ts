import { Depends } from "@typhoon/di";
import { describe, expect, it } from "vitest";
import { apiClient, currentAdmin } from "../examples/basic-and-api-keys";
import { basicHeader, refusal, resolve } from "./helpers";

// The README's HTTP Basic and API key example, run through DI with fake requests.

describe("HTTP Basic admin", () => {
  const run = (headers: Record<string, string>) =>
    resolve({ admin: Depends(currentAdmin) }, { headers });
  const challenge = { "WWW-Authenticate": 'Basic realm="admin"' };

  it("lets the admin in", async () => {
    expect(await run(basicHeader("admin:s3cr3t"))).toEqual({ admin: { username: "admin" } });
  });

  it("answers every failure with 401 and the realm's challenge", async () => {
    expect(await refusal(run({}))).toEqual({
      status: 401,
      detail: "Not authenticated",
      headers: challenge,
    });
    expect(await refusal(run({ authorization: "Basic %%%" }))).toEqual({
      status: 401,
      detail: "Not authenticated",
      headers: challenge,
    });
    expect(await refusal(run(basicHeader("admin:wrong")))).toEqual({
      status: 401,
      detail: "Incorrect username or password",
      headers: challenge,
    });
  });
});

describe("API key from header, query or cookie", () => {
  const run = (request: Parameters<typeof resolve>[1]) =>
    resolve({ client: Depends(apiClient) }, request);

  it("accepts a valid key from any place, the header first", async () => {
    expect(await run({ headers: { "X-API-Key": "key-123" } })).toEqual({
      client: { via: "header" },
    });
    expect(await run({ query: "api_key=key-456" })).toEqual({ client: { via: "query" } });
    expect(await run({ headers: { cookie: "session_key=key-123" } })).toEqual({
      client: { via: "cookie" },
    });
    expect(await run({ headers: { "x-api-key": "key-456" }, query: "api_key=nope" })).toEqual({
      client: { via: "header" },
    });
  });

  it("answers 401 without any key and 403 for a wrong one", async () => {
    expect(await refusal(run({ query: "api_key=" }))).toEqual({
      status: 401,
      detail: "API key required",
      headers: { "WWW-Authenticate": "APIKey" },
    });
    expect(await refusal(run({ headers: { cookie: "session_key=key-12" } }))).toEqual({
      status: 403,
      detail: "Invalid API key",
      headers: {},
    });
  });
});
