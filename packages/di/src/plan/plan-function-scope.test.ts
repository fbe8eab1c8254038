import { describe, expect, it } from "vitest";
import { CleanupStack } from "../cleanup-stack";
import { Depends } from "../depends";
import { dependency } from "../provider";
import { plan } from "./plan";

const compileInputs = () => null;

describe("function-scoped dependencies", () => {
  it("put their cleanup on the function-scope stack, closed before the request's", async () => {
    const events: string[] = [];
    const session = dependency(function* () {
      events.push("open session");
      yield "session";
      events.push("commit");
    });
    const audit = dependency(function* () {
      events.push("open audit");
      yield "audit";
      events.push("flush audit");
    });
    const routePlan = plan(
      { s: Depends(session, { scope: "function" }), a: Depends(audit) },
      { compileInputs },
    );
    const stack = new CleanupStack();
    const values = routePlan.run({}, stack, []);
    expect(values).toEqual({ s: "session", a: "audit" });
    expect(stack.functionScopeIfUsed?.size).toBe(1);
    expect(stack.size).toBe(1);
    // What a host does: the handler returned, close the function scope, send, then the rest.
    await stack.functionScopeIfUsed?.close();
    events.push("response sent");
    await stack.close();
    expect(events).toEqual([
      "open session",
      "open audit",
      "commit",
      "response sent",
      "flush audit",
    ]);
  });

  it("are still cleaned up, first, by a host that only closes the request stack", async () => {
    const events: string[] = [];
    const inner = dependency(function* () {
      yield 1;
      events.push("function cleanup");
    });
    const outer = dependency(function* () {
      yield 2;
      events.push("request cleanup");
    });
    const routePlan = plan(
      { i: Depends(inner, { scope: "function" }), o: Depends(outer) },
      { compileInputs },
    );
    const stack = new CleanupStack();
    routePlan.run({}, stack, []);
    await stack.close();
    expect(events).toEqual(["function cleanup", "request cleanup"]);
  });

  it("refuses an unknown scope", () => {
    expect(() => Depends(() => 1, { scope: "forever" as never })).toThrow(/scope must be/);
  });
});

describe("function-scope cleanup failures", () => {
  it("reject the function-scope close even when the request stack logs its own failures", async () => {
    const failing = dependency(async function* () {
      yield 1;
      throw new Error("commit failed");
    });
    const logged: unknown[] = [];
    const stack = new CleanupStack({ onError: (e) => logged.push(e) });
    await plan({ f: Depends(failing, { scope: "function" }) }, { compileInputs }).run(
      {},
      stack,
      [],
    );
    await expect(stack.functionScopeIfUsed!.close()).rejects.toThrow("commit failed");
    await stack.close();
    expect(logged).toEqual([]);
  });

  it("are reported through the request stack when only it is closed", async () => {
    const failing = dependency(function* () {
      yield 1;
      throw new Error("commit failed");
    });
    const logged: unknown[] = [];
    const stack = new CleanupStack({ onError: (e) => logged.push(e) });
    plan({ f: Depends(failing, { scope: "function" }) }, { compileInputs }).run({}, stack, []);
    await stack.close();
    expect(logged.map(String)).toEqual(["Error: commit failed"]);
  });
});

describe("one scope per shared generator dependency", () => {
  const session = dependency(function* () {
    yield "s";
  });
  const needsSession = dependency({ s: Depends(session) }, ({ s }) => s);

  it("refuses a cached generator used with both scopes in one request, naming it", () => {
    expect(() =>
      plan(
        { user: Depends(needsSession), s: Depends(session, { scope: "function" }) },
        { compileInputs },
      ),
    ).toThrow(/used with scope "request" \(s\) and "function" \(s\)/);
    try {
      plan(
        { s: Depends(session, { scope: "function" }), other: Depends(session) },
        { compileInputs },
      );
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe("DI_INVALID_PARAMS");
    }
  });

  it("accepts one scope everywhere, and a separate uncached instance in another scope", () => {
    const SessionDep = Depends(session, { scope: "function" });
    const viaDep = dependency({ s: SessionDep }, ({ s }) => s);
    expect(() => plan({ a: Depends(viaDep), s: SessionDep }, { compileInputs })).not.toThrow();
    expect(() =>
      plan(
        { s: Depends(session, { scope: "function" }), own: Depends(session, { cache: false }) },
        { compileInputs },
      ),
    ).not.toThrow();
    // Plain providers have no cleanup: their scope does not matter.
    const plain = dependency(() => 1);
    expect(() =>
      plan({ a: Depends(plain, { scope: "function" }), b: Depends(plain) }, { compileInputs }),
    ).not.toThrow();
  });
});
