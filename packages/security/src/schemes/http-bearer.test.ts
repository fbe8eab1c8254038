import { describe, expect, it } from "vitest";
import { authenticate, refusal } from "../../test/helpers";
import { SecurityConfigError } from "../errors";
import { HTTPBase, HTTPBearer, HTTPDigest } from "./http";

const notAuthenticated = (challenge: string) => ({
  status: 401,
  detail: "Not authenticated",
  headers: { "WWW-Authenticate": challenge },
});

describe("HTTPBearer", () => {
  const bearer = new HTTPBearer();

  it("yields the scheme exactly as sent and the credentials", async () => {
    const headers = { authorization: "Bearer foobar" };
    expect(await authenticate(bearer, { headers })).toEqual({
      scheme: "Bearer",
      credentials: "foobar",
    });
    const lower = { authorization: "bearer foo bar" };
    expect(await authenticate(bearer, { headers: lower })).toEqual({
      scheme: "bearer",
      credentials: "foo bar",
    });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["a scheme without credentials", "Bearer"],
    ["another scheme", "Basic notreally"],
    ["credentials without a scheme", " token"],
  ])(
    "answers 401 Not authenticated with WWW-Authenticate: Bearer when the header is %s",
    async (_, value) => {
      const headers: Record<string, string> = value === undefined ? {} : { authorization: value };
      expect(await refusal(authenticate(bearer, { headers }))).toEqual(notAuthenticated("Bearer"));
    },
  );

  it("with autoError false yields undefined instead", async () => {
    const optional = new HTTPBearer({ autoError: false });
    expect(await authenticate(optional)).toBeUndefined();
    expect(await authenticate(optional, { headers: { authorization: "Basic x" } })).toBeUndefined();
    expect(await authenticate(optional, { headers: { authorization: "Bearer t" } })).toEqual({
      scheme: "Bearer",
      credentials: "t",
    });
  });

  it("reads the first Authorization header when several are sent", async () => {
    const headers: Array<[string, string]> = [
      ["authorization", "Bearer first"],
      ["authorization", "Bearer second"],
    ];
    expect(await authenticate(bearer, { headers })).toMatchObject({ credentials: "first" });
  });

  it("works on a WebSocket handshake too", async () => {
    const request = { websocket: true, headers: { authorization: "Bearer ws-token" } };
    expect(await authenticate(bearer, request)).toMatchObject({ credentials: "ws-token" });
  });

  it("describes itself for OpenAPI, with the bearer format when given", () => {
    expect(bearer.securityScheme).toEqual({
      name: "HTTPBearer",
      definition: { type: "http", scheme: "bearer" },
    });
    expect(new HTTPBearer({ bearerFormat: "JWT" }).securityScheme.definition).toEqual({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
  });
});

describe("HTTPDigest", () => {
  const digest = new HTTPDigest();

  it("yields the raw Digest credentials", async () => {
    const headers = { authorization: 'Digest username="john", nonce="abc"' };
    expect(await authenticate(digest, { headers })).toEqual({
      scheme: "Digest",
      credentials: 'username="john", nonce="abc"',
    });
  });

  it.each([undefined, "Digest", "Bearer token"])(
    "answers 401 Not authenticated with WWW-Authenticate: Digest for %s",
    async (value) => {
      const headers: Record<string, string> = value === undefined ? {} : { authorization: value };
      expect(await refusal(authenticate(digest, { headers }))).toEqual(notAuthenticated("Digest"));
    },
  );

  it("with autoError false yields undefined", async () => {
    const optional = new HTTPDigest({ autoError: false });
    expect(await authenticate(optional, { headers: { authorization: "Basic x" } })).toBeUndefined();
  });

  it("describes itself for OpenAPI", () => {
    expect(digest.securityScheme.definition).toEqual({ type: "http", scheme: "digest" });
  });
});

describe("HTTPBase", () => {
  const other = new HTTPBase({ scheme: "other" });

  it("yields any scheme's credentials", async () => {
    const headers = { authorization: "Whatever abc" };
    expect(await authenticate(other, { headers })).toEqual({
      scheme: "Whatever",
      credentials: "abc",
    });
  });

  it("challenges with the scheme title-cased, as FastAPI does", async () => {
    expect(await refusal(authenticate(other))).toEqual(notAuthenticated("Other"));
    expect(new HTTPBase({ scheme: "x-custom-TOKEN" }).makeAuthenticateHeaders()).toEqual({
      "WWW-Authenticate": "X-Custom-Token",
    });
  });

  it("needs a scheme", () => {
    expect(() => new HTTPBase({} as never)).toThrow(SecurityConfigError);
    expect(() => new HTTPBase(undefined as never)).toThrow(SecurityConfigError);
  });
});
