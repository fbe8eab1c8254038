import { describe, expect, it } from "vitest";
import { ctx, fakeCompiler, Query } from "../../test/fake-inputs";
import { CleanupStack, DependencyOverrides, Depends, dependency, plan } from "../index";

describe("plan: dependency overrides", () => {
  const realDb = dependency(() => "real db", { name: "realDb" });
  const user = dependency({ db: Depends(realDb) }, ({ db }) => `user from ${db}`, { name: "user" });

  it("replaces nested providers, walking the graph through the replacement's own params", () => {
    const compiler = fakeCompiler();
    const overrides = new DependencyOverrides();
    const fakeDb = dependency({ tenant: Query() }, ({ tenant }) => `fake db for ${tenant}`, {
      name: "fakeDb",
    });
    overrides.set(realDb, fakeDb);
    const p = plan({ u: Depends(user) }, { compileInputs: compiler.compileInputs, overrides });
    expect(p.run(ctx({ tenant: "t1" }), new CleanupStack(), [])).toEqual({
      u: "user from fake db for t1",
    });
    // The replacement's inputs were compiled with the replacement as owner.
    expect(compiler.calls.map((call) => call.info.owner?.name)).toEqual(["fakeDb"]);
    expect(p.providers.map((provider) => provider.name)).toEqual(["fakeDb", "user"]);
    expect(p.nodes[0]!.original).toBe(realDb);
    expect(p.nodes[0]!.provider).toBe(fakeDb);
  });

  it("accepts a plain function as replacement, and plain functions as originals", () => {
    const overrides = new DependencyOverrides();
    const legacy = () => "legacy";
    overrides.set(realDb, () => "stub db");
    overrides.set(legacy, () => "stub legacy");
    const p = plan(
      { u: Depends(user), l: Depends(legacy) },
      { compileInputs: fakeCompiler().compileInputs, overrides },
    );
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({
      u: "user from stub db",
      l: "stub legacy",
    });
  });

  it("caches an overridden provider by the original's identity", () => {
    let calls = 0;
    const overrides = new DependencyOverrides();
    overrides.set(realDb, () => `stub ${++calls}`);
    const p = plan(
      { u: Depends(user), d: Depends(realDb) },
      { compileInputs: fakeCompiler().compileInputs, overrides },
    );
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({ u: "user from stub 1", d: "stub 1" });
    expect(calls).toBe(1);
  });

  it("marks plans stale when the overrides change, so the caller re-plans", () => {
    const overrides = new DependencyOverrides();
    const options = { compileInputs: fakeCompiler().compileInputs, overrides };
    const before = plan({ u: Depends(user) }, options);
    expect(before.isStale()).toBe(false);
    expect(before.overridesVersion).toBe(overrides.version);

    overrides.set(realDb, () => "stub");
    expect(before.isStale()).toBe(true);
    // The old plan keeps the graph it was built with.
    expect(before.run(ctx(), new CleanupStack(), [])).toEqual({ u: "user from real db" });
    const replanned = plan({ u: Depends(user) }, options);
    expect(replanned.run(ctx(), new CleanupStack(), [])).toEqual({ u: "user from stub" });

    overrides.delete(realDb);
    expect(replanned.isStale()).toBe(true);
    expect(plan({ u: Depends(user) }, options).run(ctx(), new CleanupStack(), [])).toEqual({
      u: "user from real db",
    });

    overrides.set(realDb, () => "again");
    const third = plan({ u: Depends(user) }, options);
    overrides.clear();
    expect(third.isStale()).toBe(true);
    expect(plan({ u: Depends(user) }, options).run(ctx(), new CleanupStack(), [])).toEqual({
      u: "user from real db",
    });
  });

  it("is never stale without overrides", () => {
    const p = plan({ u: Depends(user) }, { compileInputs: fakeCompiler().compileInputs });
    expect(p.overridesVersion).toBe(-1);
    expect(p.isStale()).toBe(false);
  });

  it("overrides before markers too", () => {
    const calls: string[] = [];
    const gate = dependency(() => void calls.push("real gate"));
    const overrides = new DependencyOverrides();
    overrides.set(gate, () => void calls.push("open gate"));
    plan(
      {},
      { compileInputs: fakeCompiler().compileInputs, overrides, before: [Depends(gate)] },
    ).run(ctx(), new CleanupStack(), []);
    expect(calls).toEqual(["open gate"]);
  });
});
