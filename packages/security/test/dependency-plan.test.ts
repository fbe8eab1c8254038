import {
  CleanupStack,
  DependencyOverrides,
  Depends,
  dependency,
  isProvider,
  plan,
  Security,
} from "@typhoon/di";
import {
  APIKeyHeader,
  type ConnectionScope,
  HTTPBasic,
  HTTPBearer,
  hasSecurityScheme,
  OAuth2PasswordBearer,
  RequestScope,
} from "@typhoon/security";
import { describe, expect, it } from "vitest";
import { compileInputs, fakeScope, refusal, resolve } from "./helpers";

// How the schemes behave inside @typhoon/di: as providers with identity, cached per request,
// overridable, synchronous, and discoverable by the docs builder in a plan.

class CountingBearer extends OAuth2PasswordBearer {
  calls = 0;
  override authenticate(scope: ConnectionScope): string | undefined {
    this.calls++;
    return super.authenticate(scope);
  }
}

describe("schemes as @typhoon/di providers", () => {
  it("are providers that declare the request scope as their only input", () => {
    const scheme = new HTTPBearer();
    expect(isProvider(scheme)).toBe(true);
    expect(scheme.params).toEqual({ scope: RequestScope });
    expect(scheme.kind).toBe("sync");
    expect(scheme.name).toBe("HTTPBearer");
  });

  it("run once per request however many dependencies use them (the cache is keyed on the instance)", async () => {
    const scheme = new CountingBearer({ tokenUrl: "token" });
    const user = dependency({ token: Depends(scheme) }, ({ token }) => `user:${token}`);
    const audit = dependency({ token: Depends(scheme) }, ({ token }) => `audit:${token}`);
    const values = await resolve(
      { user: Depends(user), audit: Depends(audit), token: Depends(scheme) },
      { headers: { authorization: "Bearer t" } },
    );
    expect(values).toEqual({ user: "user:t", audit: "audit:t", token: "t" });
    expect(scheme.calls).toBe(1);

    // Two instances are two providers, even with the same options.
    const other = new CountingBearer({ tokenUrl: "token" });
    await resolve(
      { a: Depends(scheme), b: Depends(other) },
      { headers: { authorization: "Bearer t" } },
    );
    expect([scheme.calls, other.calls]).toEqual([2, 1]);
  });

  it("keep a graph made only of schemes synchronous", () => {
    const scheme = new APIKeyHeader({ name: "X-Key" });
    const checked = dependency({ key: Depends(scheme) }, ({ key }) => key.length);
    const route = plan({ length: Depends(checked) }, { compileInputs });
    expect(route.isSync).toBe(true);
    const scope = fakeScope({ headers: { "x-key": "abcd" } });
    expect(route.run({ scope }, new CleanupStack(), [])).toEqual({ length: 4 });
  });

  it("can be replaced in tests through dependency overrides", async () => {
    const scheme = new OAuth2PasswordBearer({ tokenUrl: "token" });
    const currentUser = dependency({ token: Depends(scheme) }, ({ token }) => ({ token }));
    const overrides = new DependencyOverrides();
    overrides.set(scheme, () => "test-token");
    expect(await resolve({ user: Depends(currentUser) }, {}, { overrides })).toEqual({
      user: { token: "test-token" },
    });
    // Without the override the same request is refused.
    expect((await refusal(resolve({ user: Depends(currentUser) }))).status).toBe(401);
  });

  it("stop the request at the first refusal: later dependencies do not run", async () => {
    let ran = false;
    const later = dependency(() => {
      ran = true;
    });
    const params = { creds: Depends(new HTTPBasic()), later: Depends(later) };
    expect((await refusal(resolve(params))).detail).toBe("Not authenticated");
    expect(ran).toBe(false);
  });
});

describe("hasSecurityScheme: what the docs builder collects from a plan", () => {
  it("finds every scheme of a route with the scopes gathered down to it", () => {
    const oauth2 = new OAuth2PasswordBearer({
      tokenUrl: "token",
      scopes: { me: "Me", items: "Items" },
    });
    const apiKey = new APIKeyHeader({ name: "X-Key" });
    const currentUser = dependency(
      { token: Security(oauth2, { scopes: ["me"] }) },
      ({ token }) => token,
    );
    const route = plan(
      { user: Security(currentUser, { scopes: ["items"] }), key: Depends(apiKey) },
      { compileInputs },
    );
    const schemes = route.nodes.flatMap((node) =>
      hasSecurityScheme(node.original)
        ? [{ name: node.original.securityScheme.name, scopes: node.scopes }]
        : [],
    );
    expect(schemes).toEqual([
      { name: "OAuth2PasswordBearer", scopes: ["items", "me"] },
      { name: "APIKeyHeader", scopes: [] },
    ]);
  });

  it("is false for plain providers and non-objects, true for any provider with the shape", () => {
    expect(hasSecurityScheme(dependency(() => 1))).toBe(false);
    expect(hasSecurityScheme(null)).toBe(false);
    expect(hasSecurityScheme("OAuth2")).toBe(false);
    expect(hasSecurityScheme({ securityScheme: { name: "X", definition: {} } })).toBe(false);
    const custom = {
      ...dependency(() => "k"),
      securityScheme: { name: "Custom", definition: { type: "apiKey", in: "header", name: "K" } },
    };
    expect(hasSecurityScheme(custom)).toBe(true);
  });
});
