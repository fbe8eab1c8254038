import { describe, expect, it } from "vitest";
import { fakeCompiler } from "../../test/fake-inputs";
import {
  DependencyCycleError,
  DependencyOverrides,
  DependencyPlanError,
  Depends,
  dependency,
  type Provider,
  plan,
} from "../index";

const { compileInputs } = fakeCompiler();

function planError(run: () => unknown): DependencyPlanError | DependencyCycleError {
  try {
    run();
  } catch (error) {
    return error as DependencyPlanError;
  }
  throw new Error("expected plan() to throw");
}

describe("plan: startup errors", () => {
  it("names the chain of a cycle", () => {
    // Late-bound params, because a cycle cannot be written with consts in declaration order.
    const aParams: Record<string, unknown> = {};
    const a = dependency(aParams, () => 1, { name: "a" });
    const b = dependency({ a: Depends(a) }, () => 2, { name: "b" });
    aParams.b = Depends(b);
    const error = planError(() => plan({ x: Depends(a) }, { compileInputs }));
    expect(error).toBeInstanceOf(DependencyCycleError);
    expect(error.code).toBe("DI_CYCLE");
    expect(error.message).toBe("Dependency cycle: a -> b -> a");
    expect((error as DependencyCycleError).chain).toEqual(["a", "b", "a"]);
  });

  it("detects a provider depending on itself, and cycles made by overrides", () => {
    const selfParams: Record<string, unknown> = {};
    const self = dependency(selfParams, () => 1, { name: "self" });
    selfParams.me = Depends(self);
    expect(planError(() => plan({ s: Depends(self) }, { compileInputs })).message).toBe(
      "Dependency cycle: self -> self",
    );

    const db = dependency(() => "db", { name: "db" });
    const overrides = new DependencyOverrides();
    // The replacement asks for the original, which is overridden again: a loop.
    overrides.set(
      db,
      dependency({ inner: Depends(db) }, ({ inner }) => inner, { name: "wrapper" }),
    );
    const error = planError(() => plan({ d: Depends(db) }, { compileInputs, overrides }));
    expect(error.code).toBe("DI_CYCLE");
    expect(error.message).toBe("Dependency cycle: wrapper -> wrapper");
  });

  it("rejects a Depends() on something that is not a provider, naming the chain", () => {
    const broken = dependency({ db: Depends(undefined as unknown as Provider) }, () => 1, {
      name: "currentUser",
    });
    const error = planError(() =>
      plan({ user: Depends(broken) }, { compileInputs, name: "GET /me" }),
    );
    expect(error).toBeInstanceOf(DependencyPlanError);
    expect(error.code).toBe("DI_INVALID_PROVIDER");
    expect(error.message).toBe(
      "GET /me -> currentUser -> db: Depends() needs a provider or a function, got undefined",
    );
    expect(
      planError(() => plan({ x: Depends(42 as unknown as Provider) }, { compileInputs })).message,
    ).toBe("route -> x: Depends() needs a provider or a function, got 42");
  });

  it("rejects bad params objects and bad before lists", () => {
    expect(planError(() => plan(null as never, { compileInputs })).code).toBe("DI_INVALID_PARAMS");
    expect(planError(() => plan({}, { compileInputs, before: {} as never })).message).toMatch(
      /before must be an array/,
    );
    expect(planError(() => plan({}, { compileInputs, before: [() => 1] as never })).message).toBe(
      "route -> before[0]: expected a Depends() or Security() marker, got function (anonymous)",
    );
    const hand: Provider = { params: {}, fn: () => 1, name: "hand", kind: "sync" };
    // Replacements are checked when they are set, so a plan never meets a malformed one.
    expect(() => new DependencyOverrides().set(hand, { ...hand, params: [] } as Provider)).toThrow(
      "dependency override: the replacement must be a provider or a function, got an object",
    );
  });

  it("bounds the depth of the graph", () => {
    let provider = dependency(() => 0, { name: "p0" });
    for (let i = 1; i <= 10; i++) {
      provider = dependency({ next: Depends(provider) }, () => i, { name: `p${i}` });
    }
    expect(() => plan({ x: Depends(provider) }, { compileInputs, maxDepth: 11 })).not.toThrow();
    const error = planError(() => plan({ x: Depends(provider) }, { compileInputs, maxDepth: 5 }));
    expect(error.code).toBe("DI_PLAN_TOO_LARGE");
    expect(error.message).toMatch(/nested deeper than 5 levels/);
  });

  it("bounds the expanded size of graphs that share subtrees", () => {
    // Each level uses the previous one twice: 2^n uses once expanded.
    let provider = dependency(() => 0, { name: "leaf" });
    for (let i = 1; i <= 20; i++) {
      const previous = provider;
      provider = dependency({ l: Depends(previous), r: Depends(previous) }, () => i, {
        name: `level${i}`,
      });
    }
    const error = planError(() => plan({ x: Depends(provider) }, { compileInputs }));
    expect(error.code).toBe("DI_PLAN_TOO_LARGE");
    expect(error.message).toMatch(/more than 10000 uses/);
  });
});
