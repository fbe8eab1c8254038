import { describe, expect, it } from "vitest";
import { ctx, fakeCompiler, Query } from "../../test/fake-inputs";
import {
  CleanupStack,
  DependencyGeneratorError,
  Depends,
  dependency,
  isDependencyError,
  plan,
} from "../index";

const { compileInputs } = fakeCompiler();

describe("plan: generator providers", () => {
  it("injects the yielded value and runs the code after yield on close, in reverse order", async () => {
    const events: string[] = [];
    const db = dependency(
      function* () {
        events.push("db open");
        try {
          yield "db";
        } finally {
          events.push("db close");
        }
      },
      { name: "db" },
    );
    const session = dependency(
      { db: Depends(db) },
      async function* ({ db }) {
        events.push(`session open on ${db}`);
        yield "session";
        events.push("session close");
      },
      { name: "session" },
    );
    const p = plan({ s: Depends(session), d: Depends(db) }, { compileInputs });
    expect(p.needsCleanup).toBe(true);
    const stack = new CleanupStack();
    const values = await p.run(ctx(), stack, []);
    expect(values).toEqual({ s: "session", d: "db" });
    expect(stack.size).toBe(2);
    expect(events).toEqual(["db open", "session open on db"]);
    await stack.close();
    expect(events).toEqual(["db open", "session open on db", "session close", "db close"]);
  });

  it("throws the handler's error in at the yield so except/finally see it (GET /dep/yield)", async () => {
    const events: string[] = [];
    class HTTPError extends Error {
      constructor(readonly status: number) {
        super(`HTTP ${status}`);
      }
    }
    const tracked = dependency({ key: Query({ required: true }) }, async function* ({ key }) {
      events.push("open");
      try {
        yield { key };
      } catch (error) {
        if (error instanceof HTTPError) events.push(`error:${error.status}`);
        throw error;
      } finally {
        events.push("close");
      }
    });
    const p = plan({ dep: Depends(tracked) }, { compileInputs });
    const stack = new CleanupStack();
    await p.run(ctx({ key: "k" }), stack, []);
    events.push("use");
    // The generator re-raises the handler's error: that is not a cleanup failure.
    await expect(stack.close(new HTTPError(400))).resolves.toBeUndefined();
    expect(events).toEqual(["open", "use", "error:400", "close"]);
  });

  it("hides a handled error from outer generators, like an exit stack", async () => {
    const seen: string[] = [];
    const outer = dependency(function* () {
      try {
        yield 1;
        seen.push("outer: no error");
      } catch {
        seen.push("outer: error");
      }
    });
    const inner = dependency({ o: Depends(outer) }, function* () {
      try {
        yield 2;
      } catch {
        seen.push("inner: swallowed");
      }
    });
    const p = plan({ i: Depends(inner) }, { compileInputs });
    const stack = new CleanupStack();
    p.run(ctx(), stack, []);
    await stack.close(new Error("handler failed"));
    expect(seen).toEqual(["inner: swallowed", "outer: no error"]);
  });

  it("fails at resolution when a generator finishes without yielding", async () => {
    const empty = dependency(function* empty() {}, { name: "empty" });
    const asyncEmpty = dependency(async function* asyncEmpty() {}, { name: "asyncEmpty" });
    const stack = new CleanupStack();
    expect(() => plan({ e: Depends(empty) }, { compileInputs }).run(ctx(), stack, [])).toThrow(
      expect.objectContaining({ code: "DI_GENERATOR_DID_NOT_YIELD" }),
    );
    await expect(
      plan({ e: Depends(asyncEmpty) }, { compileInputs }).run(ctx(), stack, []),
    ).rejects.toThrow(/asyncEmpty finished without yielding/);
    expect(stack.size).toBe(0);
  });

  it("reports a generator that yields twice when it is cleaned up, and closes it", async () => {
    const events: string[] = [];
    const twice = dependency(
      function* () {
        try {
          yield 1;
          yield 2;
        } finally {
          events.push("twice finally");
        }
      },
      { name: "twice" },
    );
    const stack = new CleanupStack();
    plan({ t: Depends(twice) }, { compileInputs }).run(ctx(), stack, []);
    const failure = await stack.close().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DependencyGeneratorError);
    expect(isDependencyError(failure)).toBe(true);
    expect((failure as DependencyGeneratorError).code).toBe("DI_GENERATOR_YIELDED_TWICE");
    expect((failure as Error).message).toContain("twice yielded more than once");
    expect(events).toEqual(["twice finally"]);
  });

  it("passes a cleanup failure on to the earlier generators, which still run", async () => {
    const events: string[] = [];
    const first = dependency(function* () {
      try {
        yield 0;
      } catch (error) {
        events.push(`first saw: ${(error as Error).message}`);
      }
    });
    const asyncTwice = dependency(
      async function* () {
        yield 1;
        yield 2;
      },
      { name: "asyncTwice" },
    );
    const p = plan({ f: Depends(first), a: Depends(asyncTwice) }, { compileInputs });
    const stack = new CleanupStack();
    await p.run(ctx(), stack, []);
    // The failure is reported even though an earlier generator handled it.
    await expect(stack.close()).rejects.toThrow("asyncTwice yielded more than once");
    expect(events).toEqual([
      "first saw: Generator provider asyncTwice yielded more than once: it must yield exactly once",
    ]);
  });

  it("keeps the cleanups registered before a provider failed, for the caller to close", async () => {
    const events: string[] = [];
    const resource = dependency(async function* () {
      yield "r";
      events.push("released");
    });
    const failing = dependency(async () => {
      throw new Error("provider failed");
    });
    const p = plan({ r: Depends(resource), f: Depends(failing) }, { compileInputs });
    const stack = new CleanupStack();
    await expect(p.run(ctx(), stack, [])).rejects.toThrow("provider failed");
    expect(stack.size).toBe(1);
    await stack.close();
    expect(events).toEqual(["released"]);
  });

  it("does not start a generator whose inputs failed (nothing to clean up)", async () => {
    const events: string[] = [];
    const guarded = dependency({ q: Query({ required: true }) }, function* () {
      events.push("started");
      yield 1;
    });
    const stack = new CleanupStack();
    const errors: unknown[] = [];
    plan({ g: Depends(guarded) }, { compileInputs }).run(ctx(), stack, errors);
    expect(errors).toHaveLength(1);
    expect(events).toEqual([]);
    expect(stack.size).toBe(0);
  });
});
