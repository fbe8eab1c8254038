import { describe, expect, it } from "vitest";
import { ctx, fakeCompiler, Query } from "../../test/fake-inputs";
import { CleanupStack, Depends, dependency, plan } from "../index";

describe("plan: order of resolution (apps/reference/SPEC.md §1.6 step 4)", () => {
  it("runs before markers, then Depends in key order, sub-dependencies first, root inputs last", () => {
    const calls: string[] = [];
    const record = <T>(name: string, value: T): T => {
      calls.push(name);
      return value;
    };
    const gate = dependency({ x: Query() }, () => void calls.push("gate"), { name: "gate" });
    const routerDep = dependency(() => void calls.push("router"), { name: "router" });
    const inner = dependency({ q: Query() }, ({ q }) => record("inner", `inner(${q})`), {
      name: "inner",
    });
    const outer = dependency(
      { c: Query(), i: Depends(inner) },
      ({ c, i }) => record("outer", `outer(${c},${i})`),
      { name: "outer" },
    );
    const other = dependency(() => record("other", "other"), { name: "other" });
    const { compileInputs } = fakeCompiler();
    const p = plan(
      { own: Query(), a: Depends(outer), mid: Query(), b: Depends(other) },
      { compileInputs, before: [Depends(gate), Depends(routerDep)] },
    );
    const c = ctx({ q: "Q", c: "C", own: "O", mid: "M" });
    const errors: unknown[] = [];
    const values = p.run(c, new CleanupStack(), errors);
    expect(errors).toEqual([]);
    expect(calls).toEqual(["gate", "router", "inner", "outer", "other"]);
    // A provider's sub-dependencies resolve before its own inputs; the route's inputs come last.
    expect(c.log).toEqual(["gate:x", "inner:q", "outer:c", "route:own", "route:mid"]);
    expect(values).toEqual({ own: "O", mid: "M", a: "outer(C,inner(Q))", b: "other" });
    expect(p.providers.map((provider) => provider.name)).toEqual([
      "gate",
      "router",
      "inner",
      "outer",
      "other",
    ]);
  });

  it("does not call a provider whose sub-dependencies or inputs produced errors, and goes on", () => {
    const calls: string[] = [];
    const inner = dependency({ q: Query({ required: true }) }, () => void calls.push("inner"), {
      name: "inner",
    });
    const outer = dependency({ i: Depends(inner) }, () => void calls.push("outer"), {
      name: "outer",
    });
    const own = dependency(
      { n: Query({ required: true, number: true }) },
      () => void calls.push("own"),
      { name: "own" },
    );
    const later = dependency(() => void calls.push("later"), { name: "later" });
    const { compileInputs } = fakeCompiler();
    const p = plan(
      { a: Depends(outer), b: Depends(own), c: Depends(later), word: Query({ required: true }) },
      { compileInputs },
    );
    const errors: unknown[] = [];
    const values = p.run(ctx({ n: "x" }), new CleanupStack(), errors);
    expect(calls).toEqual(["later"]);
    // Every error is collected: the dependencies' and the route's own, in resolution order.
    expect(errors).toEqual([
      { loc: ["query", "q"], owner: "inner" },
      { loc: ["query", "n"], owner: "own" },
      { loc: ["query", "word"], owner: "route" },
    ]);
    // Skipped providers leave no value behind.
    expect(values).toEqual({ c: undefined });
    expect("a" in values).toBe(false);
  });

  it("reports a param declared by both the route and a dependency once per declaration", () => {
    const prefixed = dependency({ word: Query({ required: true }) }, ({ word }) => word);
    const { compileInputs } = fakeCompiler();
    const p = plan({ dep: Depends(prefixed), word: Query({ required: true }) }, { compileInputs });
    const errors: unknown[] = [];
    p.run(ctx(), new CleanupStack(), errors);
    expect(errors.map((error) => (error as { loc: unknown }).loc)).toEqual([
      ["query", "word"],
      ["query", "word"],
    ]);
  });

  it("lets a provider's exception propagate at once, leaving the rest unresolved", () => {
    const calls: string[] = [];
    const boom = new Error("forbidden");
    const gate = dependency(() => {
      throw boom;
    });
    const after = dependency(() => void calls.push("after"));
    const { compileInputs } = fakeCompiler();
    const p = plan(
      { a: Depends(after), q: Query({ required: true }) },
      { compileInputs, before: [Depends(gate)] },
    );
    const errors: unknown[] = [];
    expect(() => p.run(ctx(), new CleanupStack(), errors)).toThrow(boom);
    expect(calls).toEqual([]);
    // The route's inputs were never validated: the exception wins over validation errors.
    expect(errors).toEqual([]);
  });

  it("runs before markers for effect only: their values are not in the result", () => {
    const gate = dependency(() => "gate value");
    const p = plan({}, { compileInputs: fakeCompiler().compileInputs, before: [Depends(gate)] });
    expect(p.run(ctx(), new CleanupStack(), [])).toEqual({});
    expect(p.root.dependencies).toHaveLength(1);
    expect(p.root.dependencies[0]!.name).toBeNull();
  });

  it("returns fresh values per request with no dependency at all", () => {
    const { compileInputs } = fakeCompiler();
    const empty = plan({}, { compileInputs });
    const first = empty.run(ctx(), new CleanupStack(), []);
    const second = empty.run(ctx(), new CleanupStack(), []);
    expect(first).toEqual({});
    expect(first).not.toBe(second);
    const inputsOnly = plan({ q: Query() }, { compileInputs });
    expect(inputsOnly.run(ctx({ q: "1" }), new CleanupStack(), [])).toEqual({ q: "1" });
  });

  it("passes each provider one argument object with its inputs and dependency values", () => {
    const seen: unknown[] = [];
    const a = dependency(() => 1);
    const b = dependency({ a: Depends(a), q: Query() }, (args) => {
      seen.push(args);
      return args.a + 1;
    });
    const p = plan({ b: Depends(b) }, { compileInputs: fakeCompiler().compileInputs });
    expect(p.run(ctx({ q: "x" }), new CleanupStack(), [])).toEqual({ b: 2 });
    expect(seen).toEqual([{ a: 1, q: "x" }]);
  });
});
