import { describe, expect, it } from "vitest";
import { authenticate, refusal } from "../../test/helpers";
import { SecurityConfigError } from "../errors";
import { APIKeyCookie, APIKeyHeader, APIKeyQuery } from "./api-key";

const NOT_AUTHENTICATED = {
  status: 401,
  detail: "Not authenticated",
  headers: { "WWW-Authenticate": "APIKey" },
};

describe("APIKeyHeader", () => {
  const scheme = new APIKeyHeader({ name: "X-API-Key" });

  it("yields the key, whatever the case the header name was sent in", async () => {
    expect(await authenticate(scheme, { headers: { "X-API-Key": "key-123" } })).toBe("key-123");
    expect(await authenticate(scheme, { headers: { "x-api-key": "key-456" } })).toBe("key-456");
  });

  it("reads the first of repeated headers", async () => {
    const headers: Array<[string, string]> = [
      ["x-api-key", "first"],
      ["x-api-key", "second"],
    ];
    expect(await authenticate(scheme, { headers })).toBe("first");
  });

  it.each([
    ["missing", {}],
    ["empty", { "x-api-key": "" }],
    ["under another name", { "x-api-token": "key-123" }],
  ])(
    "answers 401 Not authenticated with WWW-Authenticate: APIKey when the key is %s",
    async (_, headers) => {
      expect(await refusal(authenticate(scheme, { headers }))).toEqual(NOT_AUTHENTICATED);
    },
  );

  it("with autoError false yields undefined", async () => {
    const optional = new APIKeyHeader({ name: "X-API-Key", autoError: false });
    expect(await authenticate(optional)).toBeUndefined();
    expect(await authenticate(optional, { headers: { "x-api-key": "" } })).toBeUndefined();
  });

  it("documents the name as given", () => {
    expect(scheme.securityScheme).toEqual({
      name: "APIKeyHeader",
      definition: { type: "apiKey", in: "header", name: "X-API-Key" },
    });
  });

  it("refuses a name that is not a header name", () => {
    expect(() => new APIKeyHeader({ name: "X API Key" })).toThrow(SecurityConfigError);
    expect(() => new APIKeyHeader({ name: "" })).toThrow(SecurityConfigError);
    expect(() => new APIKeyHeader(undefined as never)).toThrow(SecurityConfigError);
  });
});

describe("APIKeyQuery", () => {
  const scheme = new APIKeyQuery({ name: "api_key" });

  it("yields the key, decoded as a form value", async () => {
    expect(await authenticate(scheme, { query: "api_key=key-123" })).toBe("key-123");
    expect(await authenticate(scheme, { query: "q=1&api_key=a%2Bb+c%20d&x" })).toBe("a+b c d");
    expect(await authenticate(scheme, { query: "api%5Fkey=encoded-name" })).toBe("encoded-name");
    expect(await authenticate(scheme, { query: "api_key=k=v" })).toBe("k=v");
  });

  it("takes the last of repeated values, as Starlette does for a scalar", async () => {
    expect(await authenticate(scheme, { query: "api_key=one&api_key=two" })).toBe("two");
  });

  it("keeps a malformed escape as sent instead of failing", async () => {
    expect(await authenticate(scheme, { query: "api_key=100%25%zz%E2%82" })).toBe("100%%zz%E2%82");
  });

  it.each([
    ["missing", ""],
    ["empty", "api_key="],
    ["a bare key", "api_key"],
    ["named in another case", "API_KEY=key-123"],
    ["only a prefix of the name", "api=key-123&api_keys=x"],
  ])("answers 401 Not authenticated when the key is %s", async (_, query) => {
    expect(await refusal(authenticate(scheme, { query }))).toEqual(NOT_AUTHENTICATED);
  });

  it("with autoError false yields undefined", async () => {
    const optional = new APIKeyQuery({ name: "api_key", autoError: false });
    expect(await authenticate(optional, { query: "other=1" })).toBeUndefined();
  });

  it("documents itself", () => {
    expect(scheme.securityScheme.definition).toEqual({
      type: "apiKey",
      in: "query",
      name: "api_key",
    });
  });
});

describe("APIKeyCookie", () => {
  const scheme = new APIKeyCookie({ name: "session_key" });

  it("yields the cookie among others, unquoted and never percent-decoded (Starlette)", async () => {
    const cookie = (value: string) => ({ headers: { cookie: value } });
    expect(await authenticate(scheme, cookie("session_key=key-123"))).toBe("key-123");
    expect(await authenticate(scheme, cookie("a=1; session_key=key-456; b=2"))).toBe("key-456");
    expect(await authenticate(scheme, cookie('session_key="quoted"'))).toBe("quoted");
    expect(await authenticate(scheme, cookie("session_key=a%20b"))).toBe("a%20b");
  });

  it("takes the last occurrence, across several Cookie headers", async () => {
    const headers: Array<[string, string]> = [
      ["cookie", "other=1"],
      ["cookie", "session_key=first; session_key=second"],
    ];
    expect(await authenticate(scheme, { headers })).toBe("second");
  });

  it.each([
    ["no Cookie header", {}],
    ["another cookie", { cookie: "session=abc; xsession_key=1" }],
    ["an empty value", { cookie: "session_key=" }],
    ["a name without a value", { cookie: "session_key" }],
  ])("answers 401 Not authenticated for %s", async (_, headers) => {
    expect(await refusal(authenticate(scheme, { headers }))).toEqual(NOT_AUTHENTICATED);
  });

  it("with autoError false yields undefined", async () => {
    const optional = new APIKeyCookie({ name: "session_key", autoError: false });
    expect(await authenticate(optional)).toBeUndefined();
  });

  it("documents itself and refuses names a cookie cannot have", () => {
    expect(scheme.securityScheme.definition).toEqual({
      type: "apiKey",
      in: "cookie",
      name: "session_key",
    });
    expect(() => new APIKeyCookie({ name: "a;b" })).toThrow(SecurityConfigError);
  });
});
