import { describe, expect, it } from "vitest";
import { ctx, fakeCompiler, Query } from "../../test/fake-inputs";
import { CleanupStack, Depends, dependency, plan, Security, SecurityScopes } from "../index";

describe("plan: security scopes", () => {
  it("gives a provider the scopes gathered from the root down to it, in order, without duplicates", () => {
    const seen: string[][] = [];
    const token = dependency({ security: SecurityScopes }, ({ security }) => {
      seen.push([...security.scopes]);
      return security.scopeStr;
    });
    const currentUser = dependency(
      { security: SecurityScopes, token: Security(token, { scopes: ["me", "profile"] }) },
      ({ security, token }) => ({ scopes: security.scopes, token }),
    );
    const p = plan(
      {
        user: Security(currentUser, { scopes: ["items", "me"] }),
        plain: Depends(token),
      },
      { compileInputs: fakeCompiler().compileInputs },
    );
    const values = p.run(ctx(), new CleanupStack(), []);
    expect(values).toEqual({
      user: { scopes: ["items", "me"], token: "items me profile" },
      plain: "",
    });
    expect(seen).toEqual([["items", "me", "profile"], []]);
  });

  it("lets the route itself ask for SecurityScopes (always empty at the root)", () => {
    const p = plan({ s: SecurityScopes }, { compileInputs: fakeCompiler().compileInputs });
    const values = p.run(ctx(), new CleanupStack(), []) as { s: SecurityScopes };
    expect(values.s).toBeInstanceOf(SecurityScopes);
    expect(values.s.scopes).toEqual([]);
  });

  it("hands each node's scopes to compileInputs and exposes them on the plan nodes (for docs)", () => {
    const compiler = fakeCompiler();
    const scheme = dependency({ authorization: Query() }, () => "token", { name: "scheme" });
    const user = dependency({ t: Security(scheme) }, () => "u", { name: "user" });
    const p = plan(
      { u: Security(user, { scopes: ["read"] }), q: Query() },
      { compileInputs: compiler.compileInputs, before: [Security(scheme, { scopes: ["admin"] })] },
    );
    expect(
      compiler.calls.map((call) => [call.info.owner?.name ?? "route", call.info.scopes]),
    ).toEqual([
      ["scheme", ["admin"]],
      ["scheme", ["read"]],
      ["route", []],
    ]);
    expect(compiler.calls[1]!.info.chain).toEqual(["route", "user", "scheme"]);
    expect(p.nodes.map((node) => [node.provider?.name ?? "route", node.scopes])).toEqual([
      ["scheme", ["admin"]],
      ["scheme", ["read"]],
      ["user", ["read"]],
      ["route", []],
    ]);
    expect(p.root.dependencies.map((use) => use.marker.scopes)).toEqual([["admin"], ["read"]]);
    expect(p.nodes[0]!.inputs).toEqual({
      authorization: expect.objectContaining({ kind: "query" }),
    });
  });
});
