import {
  Depends,
  type DependsMarker,
  dependency,
  type InferParams,
  type Provider,
  Security,
  SecurityScopes,
} from "@typhoon/di";
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  type ConnectionScope,
  type HTTPAuthorizationCredentials,
  HTTPBasic,
  type HTTPBasicCredentials,
  HTTPBearer,
  HTTPDigest,
  hasSecurityScheme,
  OAuth2,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  type OAuth2PasswordRequestFormData,
  type OAuth2PasswordRequestFormStrictData,
  OpenIdConnect,
  type RequestScope,
  type SecuritySchemeInfo,
} from "@typhoon/security";
import { describe, expectTypeOf, it } from "vitest";

describe("what schemes inject", () => {
  it("gives each scheme's value to Depends() and Security()", () => {
    expectTypeOf(Depends(new OAuth2PasswordBearer({ tokenUrl: "t" }))).toEqualTypeOf<
      DependsMarker<string>
    >();
    expectTypeOf(
      Security(new OAuth2AuthorizationCodeBearer({ authorizationUrl: "a", tokenUrl: "t" }), {
        scopes: ["me"],
      }),
    ).toEqualTypeOf<DependsMarker<string>>();
    expectTypeOf(Depends(new OAuth2())).toEqualTypeOf<DependsMarker<string>>();
    expectTypeOf(Depends(new OpenIdConnect({ openIdConnectUrl: "u" }))).toEqualTypeOf<
      DependsMarker<string>
    >();
    expectTypeOf(Depends(new HTTPBasic())).toEqualTypeOf<DependsMarker<HTTPBasicCredentials>>();
    expectTypeOf(Depends(new HTTPBearer())).toEqualTypeOf<
      DependsMarker<HTTPAuthorizationCredentials>
    >();
    expectTypeOf(Depends(new HTTPDigest())).toEqualTypeOf<
      DependsMarker<HTTPAuthorizationCredentials>
    >();
    for (const scheme of [
      new APIKeyHeader({ name: "k" }),
      new APIKeyQuery({ name: "k" }),
      new APIKeyCookie({ name: "k" }),
    ]) {
      expectTypeOf(Depends(scheme)).toEqualTypeOf<DependsMarker<string>>();
    }
  });

  it("adds undefined when autoError may be false", () => {
    expectTypeOf(Depends(new HTTPBasic({ autoError: false }))).toEqualTypeOf<
      DependsMarker<HTTPBasicCredentials | undefined>
    >();
    expectTypeOf(Depends(new APIKeyQuery({ name: "k", autoError: false }))).toEqualTypeOf<
      DependsMarker<string | undefined>
    >();
    expectTypeOf(Depends(new HTTPBearer({ autoError: true }))).toEqualTypeOf<
      DependsMarker<HTTPAuthorizationCredentials>
    >();
    const flag: boolean = Math.random() > 0.5;
    expectTypeOf(
      Depends(new OAuth2PasswordBearer({ tokenUrl: "t", autoError: flag })),
    ).toEqualTypeOf<DependsMarker<string | undefined>>();
  });

  it("types a dependency's arguments from the schemes it uses", () => {
    const oauth2 = new OAuth2PasswordBearer({ tokenUrl: "token" });
    const user = dependency(
      {
        token: Depends(oauth2),
        scopes: SecurityScopes,
        basic: Depends(new HTTPBasic({ autoError: false })),
      },
      (args) => {
        expectTypeOf(args.token).toEqualTypeOf<string>();
        expectTypeOf(args.scopes).toEqualTypeOf<SecurityScopes>();
        expectTypeOf(args.basic).toEqualTypeOf<HTTPBasicCredentials | undefined>();
        return { name: args.token };
      },
    );
    expectTypeOf(Depends(user)).toEqualTypeOf<DependsMarker<{ name: string }>>();
    expectTypeOf(oauth2).toMatchTypeOf<Provider<string>>();
  });

  it("injects the connection scope for RequestScope", () => {
    expectTypeOf<InferParams<{ scope: typeof RequestScope }>>().toEqualTypeOf<{
      scope: ConnectionScope;
    }>();
  });
});

describe("forms and guards", () => {
  it("types the password forms", () => {
    expectTypeOf<OAuth2PasswordRequestFormData>().toEqualTypeOf<{
      grant_type?: string | undefined;
      username: string;
      password: string;
      scope: string;
      client_id?: string | undefined;
      client_secret?: string | undefined;
    }>();
    expectTypeOf<OAuth2PasswordRequestFormStrictData["grant_type"]>().toEqualTypeOf<string>();
  });

  it("narrows with hasSecurityScheme", () => {
    const value: unknown = new HTTPBearer();
    if (hasSecurityScheme(value)) {
      expectTypeOf(value.securityScheme).toEqualTypeOf<SecuritySchemeInfo>();
    }
  });

  it("refuses options that cannot work", () => {
    // @ts-expect-error tokenUrl is required
    new OAuth2PasswordBearer({});
    // @ts-expect-error an API key needs its name
    new APIKeyHeader({});
    // @ts-expect-error autoError is a boolean
    new HTTPBasic({ autoError: "no" });
  });
});
