import { describe, expect, it } from "vitest";
import { ctx, fakeCompiler, Query } from "../../test/fake-inputs";
import { CleanupStack, Depends, dependency, plan } from "../index";

describe("plan: sync fast path and async resolution", () => {
  it("returns a plain object, not a Promise, when every provider and resolver is sync", () => {
    const a = dependency(() => 1);
    const g = dependency(function* () {
      yield 2;
    });
    const b = dependency(
      { a: Depends(a), g: Depends(g), q: Query() },
      ({ a, g, q }) => `${a}${g}${q}`,
    );
    const p = plan({ b: Depends(b), q: Query() }, { compileInputs: fakeCompiler().compileInputs });
    expect(p.isSync).toBe(true);
    const result = p.run(ctx({ q: "3" }), new CleanupStack(), []);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({ b: "123", q: "3" });
  });

  it("keeps the no-dependency path synchronous too", () => {
    const p = plan({ q: Query() }, { compileInputs: fakeCompiler().compileInputs });
    expect(p.isSync).toBe(true);
    expect(p.needsCleanup).toBe(false);
    expect(p.run(ctx({ q: "x" }), new CleanupStack(), [])).toEqual({ q: "x" });
  });

  it("always returns a Promise when the plan is not sync, even for a synchronous failure", async () => {
    const asyncDep = dependency(async () => "async");
    const thrower = dependency(() => {
      throw new Error("sync failure");
    });
    const p = plan(
      { t: Depends(thrower), a: Depends(asyncDep) },
      { compileInputs: fakeCompiler().compileInputs },
    );
    expect(p.isSync).toBe(false);
    const result = p.run(ctx(), new CleanupStack(), []);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow("sync failure");

    const ok = plan({ a: Depends(asyncDep) }, { compileInputs: fakeCompiler().compileInputs });
    await expect(ok.run(ctx(), new CleanupStack(), [])).resolves.toEqual({ a: "async" });
  });

  it("resolves async input resolvers, keeping the order and the error-skip rule", async () => {
    const compiler = fakeCompiler({ async: true });
    const calls: string[] = [];
    const ok = dependency(
      { q: Query() },
      ({ q }) => {
        calls.push("ok");
        return q;
      },
      { name: "ok" },
    );
    const bad = dependency({ n: Query({ required: true }) }, () => void calls.push("bad"), {
      name: "bad",
    });
    const p = plan(
      { own: Query(), ok: Depends(ok), bad: Depends(bad) },
      { compileInputs: compiler.compileInputs },
    );
    expect(p.isSync).toBe(false);
    const c = ctx({ q: "Q", own: "O" });
    const errors: unknown[] = [];
    const result = p.run(c, new CleanupStack(), errors);
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toEqual({ own: "O", ok: "Q" });
    expect(calls).toEqual(["ok"]);
    expect(errors).toHaveLength(1);
    expect(c.log).toEqual(["ok:q", "bad:n", "route:own"]);

    const rootOnly = plan({ own: Query() }, { compileInputs: compiler.compileInputs });
    await expect(rootOnly.run(ctx({ own: "x" }), new CleanupStack(), [])).resolves.toEqual({
      own: "x",
    });
  });

  it("awaits a sync-declared provider that returns a promise (that request goes async)", async () => {
    const lazy = dependency(() => Promise.resolve("later"));
    const after = dependency({ l: Depends(lazy) }, ({ l }) => `${l}!`);
    const p = plan({ a: Depends(after) }, { compileInputs: fakeCompiler().compileInputs });
    expect(p.isSync).toBe(true);
    const result = p.run(ctx(), new CleanupStack(), []);
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toEqual({ a: "later!" });
  });

  it("mixes async and sync providers in order across many awaits", async () => {
    const order: string[] = [];
    const make = (name: string, isAsync: boolean) =>
      isAsync
        ? dependency(
            async () => {
              order.push(name);
              return name;
            },
            { name },
          )
        : dependency(
            () => {
              order.push(name);
              return name;
            },
            { name },
          );
    const params = {
      a: Depends(make("a", true)),
      b: Depends(make("b", false)),
      c: Depends(make("c", true)),
      d: Depends(make("d", false)),
    };
    const values = await plan(params, { compileInputs: fakeCompiler().compileInputs }).run(
      ctx(),
      new CleanupStack(),
      [],
    );
    expect(order).toEqual(["a", "b", "c", "d"]);
    expect(values).toEqual({ a: "a", b: "b", c: "c", d: "d" });
  });
});
