import { describe, expect, it } from "vitest";
import { authenticate, refusal } from "../../test/helpers";
import { SecurityConfigError } from "../errors";
import { OAuth2, OAuth2AuthorizationCodeBearer, OAuth2PasswordBearer } from "./oauth2";
import { OpenIdConnect } from "./open-id-connect";

const NOT_AUTHENTICATED = {
  status: 401,
  detail: "Not authenticated",
  headers: { "WWW-Authenticate": "Bearer" },
};

describe.each([
  ["OAuth2PasswordBearer", () => new OAuth2PasswordBearer({ tokenUrl: "token" })],
  [
    "OAuth2AuthorizationCodeBearer",
    () => new OAuth2AuthorizationCodeBearer({ authorizationUrl: "authorize", tokenUrl: "token" }),
  ],
])("%s", (_, make) => {
  const scheme = make();

  it("yields the bearer token, whatever the scheme's case", async () => {
    const headers = { authorization: "Bearer testtoken" };
    expect(await authenticate(scheme, { headers })).toBe("testtoken");
    expect(await authenticate(scheme, { headers: { authorization: "BEARER t2" } })).toBe("t2");
  });

  it("yields an empty token for a bare `Bearer` (the token check then refuses it)", async () => {
    expect(await authenticate(scheme, { headers: { authorization: "Bearer" } })).toBe("");
  });

  it.each([
    ["missing", {}],
    ["empty", { authorization: "" }],
    ["another scheme", { authorization: "Non-existent testtoken" }],
    ["a token without a scheme", { authorization: "testtoken" }],
  ])(
    "answers 401 Not authenticated with WWW-Authenticate: Bearer when the header is %s",
    async (_, headers) => {
      expect(await refusal(authenticate(scheme, { headers }))).toEqual(NOT_AUTHENTICATED);
    },
  );
});

describe("OAuth2PasswordBearer", () => {
  it("with autoError false yields undefined instead of refusing", async () => {
    const optional = new OAuth2PasswordBearer({ tokenUrl: "token", autoError: false });
    expect(await authenticate(optional)).toBeUndefined();
    const headers = { authorization: "Basic abc" };
    expect(await authenticate(optional, { headers })).toBeUndefined();
  });

  it("documents the password flow with its token URL and scopes", () => {
    const scheme = new OAuth2PasswordBearer({
      tokenUrl: "/auth/token",
      refreshUrl: "/auth/refresh",
      scopes: { me: "Read information about the current user.", items: "Read items." },
      description: "Log in with your account",
    });
    expect(scheme.securityScheme).toEqual({
      name: "OAuth2PasswordBearer",
      definition: {
        type: "oauth2",
        description: "Log in with your account",
        flows: {
          password: {
            tokenUrl: "/auth/token",
            refreshUrl: "/auth/refresh",
            scopes: { me: "Read information about the current user.", items: "Read items." },
          },
        },
      },
    });
    expect(new OAuth2PasswordBearer({ tokenUrl: "token" }).securityScheme.definition).toEqual({
      type: "oauth2",
      flows: { password: { tokenUrl: "token", scopes: {} } },
    });
  });

  it("copies the scopes it is given instead of freezing the caller's object", () => {
    const scopes = { me: "Me" };
    const scheme = new OAuth2PasswordBearer({ tokenUrl: "token", scopes });
    scopes.me = "changed";
    expect(scheme.securityScheme.definition).toMatchObject({
      flows: { password: { scopes: { me: "Me" } } },
    });
    expect(Object.isFrozen(scopes)).toBe(false);
  });

  it.each([
    ["no options", undefined],
    ["no tokenUrl", {}],
    ["an empty tokenUrl", { tokenUrl: "" }],
    ["scopes as a list", { tokenUrl: "t", scopes: ["me"] }],
    ["a scope without a description", { tokenUrl: "t", scopes: { me: 1 } }],
    ["a scope name with a space", { tokenUrl: "t", scopes: { "read items": "x" } }],
    ["an invalid scheme name", { tokenUrl: "t", schemeName: "my scheme" }],
    ["a non-boolean autoError", { tokenUrl: "t", autoError: "no" }],
  ])("refuses %s at construction", (_, options) => {
    expect(() => new OAuth2PasswordBearer(options as never)).toThrow(SecurityConfigError);
  });
});

describe("OAuth2AuthorizationCodeBearer", () => {
  it("documents the authorization-code flow", () => {
    const scheme = new OAuth2AuthorizationCodeBearer({
      authorizationUrl: "https://id.example/authorize",
      tokenUrl: "https://id.example/token",
      scopes: { openid: "Sign in" },
    });
    expect(scheme.securityScheme.definition).toEqual({
      type: "oauth2",
      flows: {
        authorizationCode: {
          authorizationUrl: "https://id.example/authorize",
          tokenUrl: "https://id.example/token",
          scopes: { openid: "Sign in" },
        },
      },
    });
  });

  it("needs both URLs", () => {
    expect(() => new OAuth2AuthorizationCodeBearer({ tokenUrl: "t" } as never)).toThrow(
      SecurityConfigError,
    );
  });
});

describe("OAuth2 (generic flows)", () => {
  const oauth2 = new OAuth2({
    flows: {
      clientCredentials: { tokenUrl: "token", scopes: { read: "Read" } },
      implicit: { authorizationUrl: "https://id.example/authorize" },
    },
  });

  it("yields the whole Authorization header, unparsed", async () => {
    const headers = { authorization: "Bearer abc" };
    expect(await authenticate(oauth2, { headers })).toBe("Bearer abc");
    expect(await authenticate(oauth2, { headers: { authorization: "Custom xyz" } })).toBe(
      "Custom xyz",
    );
  });

  it("answers 401 Not authenticated when it is missing or empty; autoError false yields undefined", async () => {
    expect(await refusal(authenticate(oauth2))).toEqual(NOT_AUTHENTICATED);
    const headers = { authorization: "" };
    expect(await refusal(authenticate(oauth2, { headers }))).toEqual(NOT_AUTHENTICATED);
    expect(await authenticate(new OAuth2({ autoError: false }))).toBeUndefined();
  });

  it("documents the flows, filling in empty scopes", () => {
    expect(oauth2.securityScheme).toEqual({
      name: "OAuth2",
      definition: {
        type: "oauth2",
        flows: {
          clientCredentials: { tokenUrl: "token", scopes: { read: "Read" } },
          implicit: { authorizationUrl: "https://id.example/authorize", scopes: {} },
        },
      },
    });
    expect(new OAuth2().securityScheme.definition).toEqual({ type: "oauth2", flows: {} });
  });

  it("refuses unknown flows and flows missing their URLs", () => {
    expect(() => new OAuth2({ flows: { device: {} } as never })).toThrow(/unknown flow "device"/);
    expect(() => new OAuth2({ flows: { password: {} as never } })).toThrow(
      /flows.password: tokenUrl must be a non-empty string/,
    );
    expect(() => new OAuth2({ flows: { implicit: null as never } })).toThrow(SecurityConfigError);
  });
});

describe("OpenIdConnect", () => {
  const oidc = new OpenIdConnect({
    openIdConnectUrl: "https://id.example/.well-known/openid-configuration",
  });

  it("yields the whole Authorization header", async () => {
    const headers = { authorization: "Bearer id-token" };
    expect(await authenticate(oidc, { headers })).toBe("Bearer id-token");
  });

  it("answers 401 Not authenticated with WWW-Authenticate: Bearer when it is missing", async () => {
    expect(await refusal(authenticate(oidc))).toEqual(NOT_AUTHENTICATED);
    const optional = new OpenIdConnect({ openIdConnectUrl: "https://x", autoError: false });
    expect(await authenticate(optional)).toBeUndefined();
  });

  it("documents the discovery URL", () => {
    expect(oidc.securityScheme).toEqual({
      name: "OpenIdConnect",
      definition: {
        type: "openIdConnect",
        openIdConnectUrl: "https://id.example/.well-known/openid-configuration",
      },
    });
    expect(() => new OpenIdConnect({} as never)).toThrow(SecurityConfigError);
  });
});
