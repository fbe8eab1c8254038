import { describe, expect, it } from "vitest";
import { Depends, isDependsMarker, Security } from "./depends";
import { DependencyPlanError } from "./errors";
import { dependency, toProvider } from "./provider";
import { SecurityScopes } from "./security-scopes";

describe("Depends() and Security()", () => {
  it("make frozen markers, cached by default", () => {
    const provider = dependency(() => 1);
    const marker = Depends(provider);
    expect(marker).toEqual({
      kind: "depends",
      provider,
      cache: true,
      scopes: [],
      scope: "request",
    });
    expect(Object.isFrozen(marker)).toBe(true);
    expect(Depends(provider, { cache: false }).cache).toBe(false);
    expect(isDependsMarker(marker)).toBe(true);
  });

  it("accept plain functions, wrapped once", () => {
    const fn = () => 1;
    expect(Depends(fn).provider).toBe(toProvider(fn));
    expect(Security(fn).provider).toBe(Depends(fn).provider);
  });

  it("Security() copies and freezes its scopes", () => {
    const scopes = ["a", "b"];
    const marker = Security(
      dependency(() => 1),
      { scopes, cache: false },
    );
    scopes.push("c");
    expect(marker.scopes).toEqual(["a", "b"]);
    expect(Object.isFrozen(marker.scopes)).toBe(true);
    expect(marker.cache).toBe(false);
    expect(Security(dependency(() => 1)).scopes).toEqual([]);
  });

  it("Security() rejects scopes that are not strings", () => {
    const provider = dependency(() => 1);
    expect(() => Security(provider, { scopes: "read" as never })).toThrow(DependencyPlanError);
    expect(() => Security(provider, { scopes: [1] as never })).toThrow(
      /scopes must be an array of strings/,
    );
  });

  it("keeps a non-provider as is, for plan() to report with its chain", () => {
    expect(Depends(undefined as never).provider).toBeUndefined();
  });

  it("isDependsMarker is structural and rejects other markers", () => {
    expect(isDependsMarker({ kind: "depends", provider: null })).toBe(true);
    expect(isDependsMarker({ kind: "query" })).toBe(false);
    expect(isDependsMarker({ kind: "depends" })).toBe(false);
    expect(isDependsMarker(null)).toBe(false);
    expect(isDependsMarker(SecurityScopes)).toBe(false);
  });
});

describe("SecurityScopes", () => {
  it("exposes frozen scopes and their space-separated form", () => {
    const scopes = new SecurityScopes(["items", "me"]);
    expect(scopes.scopes).toEqual(["items", "me"]);
    expect(scopes.scopeStr).toBe("items me");
    expect(Object.isFrozen(scopes.scopes)).toBe(true);
    expect(new SecurityScopes().scopeStr).toBe("");
  });
});
