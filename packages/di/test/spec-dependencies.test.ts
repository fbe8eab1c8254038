// The dependency routes of apps/reference/SPEC.md §2.9 and the global gate of its §1.3, driven
// through a miniature umbrella (run the plan, answer 422 on errors, call the handler, close the
// stack) to check that DI gives the umbrella what it needs to behave like FastAPI.
import { describe, expect, it } from "vitest";
import { CleanupStack, Depends, dependency, type Plan, plan } from "../src/index";
import { type FakeCtx, fakeCompiler, Query, type ValidationIssue } from "./fake-inputs";

class HTTPException extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

interface Answer {
  status: number;
  body: unknown;
}

const { compileInputs } = fakeCompiler();
const sidechannel = new Map<string, string[]>();

const gate = dependency({ "x-block": Query() }, (args) => {
  if (args["x-block"] === "yes") throw new HTTPException(403, "Blocked by global gate");
});

/** Registers a route: plans once, then answers like the umbrella would. */
function route<P extends Record<string, unknown>>(
  params: P,
  handler: (args: any) => unknown,
): (query: Record<string, string>) => Promise<Answer> {
  const routePlan: Plan<FakeCtx> = plan(params, { compileInputs, before: [Depends(gate)] });
  return async (query) => {
    const stack = new CleanupStack();
    let failure: unknown;
    try {
      const errors: unknown[] = [];
      const values = await routePlan.run({ query, log: [] }, stack, errors);
      if (errors.length > 0) {
        return { status: 422, body: (errors as ValidationIssue[]).map((error) => error.loc) };
      }
      return { status: 200, body: await handler(values) };
    } catch (error) {
      failure = error;
      if (error instanceof HTTPException) return { status: error.status, body: error.detail };
      throw error;
    } finally {
      // The umbrella runs this after the response is sent; here it is awaited for the test.
      await stack.close(failure);
    }
  };
}

describe("apps/reference/SPEC.md §2.9 dependencies, through a miniature umbrella", () => {
  it("runs the global gate before validating anything (403, not 422)", async () => {
    const get = route({ n: Query({ required: true, number: true }) }, ({ n }) => n);
    expect(await get({ n: "abc", "x-block": "yes" })).toEqual({
      status: 403,
      body: "Blocked by global gate",
    });
    expect(await get({ n: "abc" })).toEqual({ status: 422, body: [["query", "n"]] });
    expect(await get({ n: "4" })).toEqual({ status: 200, body: 4 });
  });

  it("GET /dep/sub: a chain where the outer dependency reads a fallback", async () => {
    const queryExtractor = dependency({ q: Query() }, ({ q }) => q);
    const queryOrCookie = dependency(
      { q: Depends(queryExtractor), last_query: Query() },
      ({ q, last_query }) => {
        if (q) return { value: q, from: "query" };
        if (last_query) return { value: last_query, from: "cookie" };
        return { value: null, from: "none" };
      },
    );
    const get = route({ v: Depends(queryOrCookie) }, ({ v }) => v);
    expect((await get({ q: "a", last_query: "b" })).body).toEqual({ value: "a", from: "query" });
    expect((await get({ last_query: "b" })).body).toEqual({ value: "b", from: "cookie" });
    expect((await get({})).body).toEqual({ value: null, from: "none" });
  });

  it("GET /dep/cached and /dep/uncached: one evaluation per request unless opted out", async () => {
    const makeCounter = () => {
      const state = { calls: 0 };
      return { state, counter: dependency(() => ++state.calls) };
    };
    {
      const { state, counter } = makeCounter();
      const a = dependency({ n: Depends(counter) }, ({ n }) => n);
      const b = dependency({ n: Depends(counter) }, ({ n }) => n);
      const get = route({ a: Depends(a), b: Depends(b), c: Depends(counter) }, (values) => ({
        ...values,
        calls: state.calls,
      }));
      expect((await get({})).body).toEqual({ a: 1, b: 1, c: 1, calls: 1 });
    }
    {
      const { state, counter } = makeCounter();
      const a = dependency({ n: Depends(counter) }, ({ n }) => n);
      const get = route(
        {
          a: Depends(a),
          b: Depends(counter, { cache: false }),
          c: Depends(counter, { cache: false }),
        },
        (values) => ({ ...values, calls: state.calls }),
      );
      expect((await get({})).body).toEqual({ a: 1, b: 2, c: 3, calls: 3 });
    }
  });

  it("GET /dep/yield: open, use, error:<status>, close, recorded in order", async () => {
    const tracked = dependency({ key: Query({ required: true }) }, async function* ({ key }) {
      const events = sidechannel.get(key) ?? [];
      sidechannel.set(key, events);
      events.push("open");
      try {
        yield { key };
      } catch (error) {
        if (error instanceof HTTPException) events.push(`error:${error.status}`);
        throw error;
      } finally {
        events.push("close");
      }
    });
    const get = route({ dep: Depends(tracked), fail: Query() }, ({ dep, fail }) => {
      const events = sidechannel.get(dep.key)!;
      events.push("use");
      if (fail === "true") throw new HTTPException(400, "Endpoint failed on purpose");
      return { key: dep.key, events_so_far: [...events] };
    });
    expect(await get({ key: "ok" })).toEqual({
      status: 200,
      body: { key: "ok", events_so_far: ["open", "use"] },
    });
    expect(sidechannel.get("ok")).toEqual(["open", "use", "close"]);
    expect((await get({ key: "bad", fail: "true" })).status).toBe(400);
    expect(sidechannel.get("bad")).toEqual(["open", "use", "error:400", "close"]);
    expect(await get({})).toEqual({ status: 422, body: [["query", "key"]] });
  });

  it("GET /dep/prefix and /dep/even: one error per declaration, HTTP errors from dependencies", async () => {
    const prefix = dependency({ word: Query({ required: true }) }, ({ word }) =>
      word.startsWith("con"),
    );
    const getPrefix = route(
      { matches: Depends(prefix), word: Query({ required: true }) },
      (v) => v,
    );
    expect(await getPrefix({})).toEqual({
      status: 422,
      body: [
        ["query", "word"],
        ["query", "word"],
      ],
    });
    expect((await getPrefix({ word: "cone" })).body).toEqual({ matches: true, word: "cone" });

    const even = dependency({ n: Query({ required: true, number: true }) }, ({ n }) => {
      if (n % 2 !== 0) throw new HTTPException(400, "n must be even");
    });
    const getEven = plan(
      { n: Query({ required: true, number: true }) },
      { compileInputs, before: [Depends(gate), Depends(even)] },
    );
    const errors: unknown[] = [];
    getEven.run({ query: { n: "x" }, log: [] }, new CleanupStack(), errors);
    expect((errors as ValidationIssue[]).map((error) => error.loc)).toEqual([
      ["query", "n"],
      ["query", "n"],
    ]);
    expect(() => getEven.run({ query: { n: "3" }, log: [] }, new CleanupStack(), [])).toThrow(
      "n must be even",
    );
    expect(getEven.run({ query: { n: "4" }, log: [] }, new CleanupStack(), [])).toEqual({ n: 4 });
  });
});
