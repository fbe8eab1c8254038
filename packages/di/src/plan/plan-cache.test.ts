import { describe, expect, it } from "vitest";
import { ctx, fakeCompiler, Query } from "../../test/fake-inputs";
import { CleanupStack, Depends, dependency, plan, Security } from "../index";

const { compileInputs } = fakeCompiler();

/**
 * A per-request counter: increments a request-local number and returns it
 * (apps/reference/SPEC.md §2.9).
 */
function counterGraph() {
  let calls = 0;
  const counter = dependency(() => ++calls, { name: "counter" });
  return { counter, calls: () => calls, reset: () => (calls = 0) };
}

describe("plan: per-request cache", () => {
  it("evaluates a provider used three times once per request (GET /dep/cached)", () => {
    const { counter, calls, reset } = counterGraph();
    const a = dependency({ n: Depends(counter) }, ({ n }) => n);
    const b = dependency({ n: Depends(counter) }, ({ n }) => n);
    const p = plan({ a: Depends(a), b: Depends(b), c: Depends(counter) }, { compileInputs });
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({ a: 1, b: 1, c: 1 });
    expect(calls()).toBe(1);
    // The cache belongs to the request: the next one evaluates again.
    reset();
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({ a: 1, b: 1, c: 1 });
    expect(calls()).toBe(1);
  });

  it("shares the cache between before markers and params", () => {
    const { counter, calls } = counterGraph();
    const p = plan({ c: Depends(counter) }, { compileInputs, before: [Depends(counter)] });
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({ c: 1 });
    expect(calls()).toBe(1);
  });

  it("evaluates again for uses marked cache: false (GET /dep/uncached)", () => {
    const { counter, calls } = counterGraph();
    const via = dependency({ n: Depends(counter) }, ({ n }) => n);
    const p = plan(
      {
        a: Depends(via),
        b: Depends(counter, { cache: false }),
        c: Depends(counter, { cache: false }),
      },
      { compileInputs },
    );
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({ a: 1, b: 2, c: 3 });
    expect(calls()).toBe(3);
  });

  it("fills the cache from an uncached use when it was empty, as FastAPI does", () => {
    const { counter, calls } = counterGraph();
    const p = plan(
      { first: Depends(counter, { cache: false }), second: Depends(counter) },
      { compileInputs },
    );
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({ first: 1, second: 1 });
    expect(calls()).toBe(1);
  });

  it("skips the whole subtree of a cached use, inputs included", () => {
    const c = ctx({ q: "x" });
    const leaf = dependency({ q: Query() }, ({ q }) => q, { name: "leaf" });
    const p = plan({ a: Depends(leaf), b: Depends(leaf) }, { compileInputs });
    expect(p.run(c, new CleanupStack(), [])).toEqual({ a: "x", b: "x" });
    expect(c.log).toEqual(["leaf:q"]);
  });

  it("keys the cache on the provider plus its sorted scopes", () => {
    const { counter, calls } = counterGraph();
    const p = plan(
      {
        plain: Depends(counter),
        ab: Security(counter, { scopes: ["a", "b"] }),
        ba: Security(counter, { scopes: ["b", "a"] }),
        again: Depends(counter),
      },
      { compileInputs },
    );
    // plain/again share one entry, ab/ba share another.
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({ plain: 1, ab: 2, ba: 2, again: 1 });
    expect(calls()).toBe(2);
  });

  it("re-resolves a cached provider whose first use failed, repeating its errors like FastAPI", () => {
    const calls: string[] = [];
    const needsQ = dependency({ q: Query({ required: true }) }, () => void calls.push("needsQ"));
    const p = plan({ a: Depends(needsQ), b: Depends(needsQ) }, { compileInputs });
    const errors: unknown[] = [];
    p.run(ctx(), new CleanupStack(), errors);
    expect(calls).toEqual([]);
    expect(errors).toHaveLength(2);
  });

  it("does not call a parent whose cached child failed earlier in the request", () => {
    const calls: string[] = [];
    const needsQ = dependency({ q: Query({ required: true }) }, () => void calls.push("needsQ"));
    const parent = dependency({ v: Depends(needsQ) }, () => void calls.push("parent"));
    const p = plan({ a: Depends(needsQ), b: Depends(parent) }, { compileInputs });
    const errors: unknown[] = [];
    p.run(ctx(), new CleanupStack(), errors);
    expect(calls).toEqual([]);
    expect(errors).toHaveLength(2);
  });

  it("plans a shared provider once per scope context (one compileInputs call)", () => {
    const compiler = fakeCompiler();
    const leaf = dependency({ q: Query() }, ({ q }) => q, { name: "leaf" });
    const a = dependency({ l: Depends(leaf) }, ({ l }) => l, { name: "a" });
    const b = dependency({ l: Depends(leaf, { cache: false }) }, ({ l }) => l, { name: "b" });
    const p = plan({ a: Depends(a), b: Depends(b) }, { compileInputs: compiler.compileInputs });
    expect(compiler.calls.map((call) => call.info.owner?.name)).toEqual(["leaf"]);
    expect(p.nodes.map((node) => node.provider?.name ?? "route")).toEqual([
      "leaf",
      "a",
      "b",
      "route",
    ]);
    expect(p.providers.map((provider) => provider.name)).toEqual(["leaf", "a", "b"]);
  });
});
