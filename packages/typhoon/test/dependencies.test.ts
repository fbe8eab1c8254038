import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  Depends,
  dependency,
  Header,
  HTTPException,
  Path,
  Query,
  Request,
  Typhoon,
} from "../src/index";
import { TestClient } from "../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };

function makeApp() {
  const events: Record<string, string[]> = {};
  const record = (key: string, event: string) => {
    events[key] ??= [];
    events[key].push(event);
  };

  const gate = dependency({ x_block: Header(v.optional(v.string())) }, ({ x_block }) => {
    if (x_block === "yes") throw new HTTPException(403, "Blocked by global gate");
  });
  const app = new Typhoon({ dependencies: [Depends(gate)], logger: quiet });

  const common = dependency(
    {
      q: Query(v.optional(v.nullable(v.string()), null)),
      skip: Query(v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0)),
      limit: Query(v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 10)),
    },
    (args) => args,
  );
  app.get("/dep/common", { params: { commons: Depends(common) } }, ({ commons }) => ({
    source: "common",
    ...commons,
  }));

  const counter = dependency({ request: Request }, ({ request }) => {
    const state = request.scope.state as { calls?: number };
    state.calls = (state.calls ?? 0) + 1;
    return state.calls;
  });
  const viaA = dependency({ n: Depends(counter) }, ({ n }) => n);
  const viaB = dependency({ n: Depends(counter) }, ({ n }) => n);
  app.get(
    "/dep/cached",
    { params: { a: Depends(viaA), b: Depends(viaB), c: Depends(counter), request: Request } },
    ({ a, b, c, request }) => ({
      a,
      b,
      c,
      calls: (request.scope.state as { calls: number }).calls,
    }),
  );
  app.get(
    "/dep/uncached",
    {
      params: {
        a: Depends(viaA),
        b: Depends(counter, { cache: false }),
        c: Depends(counter, { cache: false }),
        request: Request,
      },
    },
    ({ a, b, c, request }) => ({
      a,
      b,
      c,
      calls: (request.scope.state as { calls: number }).calls,
    }),
  );

  const session = dependency(
    { key: Query(v.pipe(v.string(), v.minLength(1))) },
    async function* ({ key }) {
      record(key, "open");
      try {
        yield { key };
      } catch (error) {
        if (error instanceof HTTPException) record(key, `error:${error.status}`);
        throw error;
      } finally {
        record(key, "close");
      }
    },
  );
  app.get(
    "/dep/yield",
    { params: { s: Depends(session), fail: Query(v.optional(v.boolean(), false)) } },
    ({ s, fail }) => {
      record(s.key, "use");
      if (fail) throw new HTTPException(400, "Endpoint failed on purpose");
      return { key: s.key, events_so_far: [...(events[s.key] ?? [])] };
    },
  );
  app.get("/sidechannel/{key}", { params: { key: Path(v.string()) } }, ({ key }) => ({
    key,
    events: events[key] ?? [],
  }));

  const prefixed = (prefix: string) =>
    dependency({ word: Query(v.string()) }, ({ word }) => word.startsWith(prefix));
  app.get(
    "/dep/prefix",
    { params: { matches: Depends(prefixed("con")), word: Query(v.string()) } },
    ({ matches, word }) => ({ word, prefix: "con", matches }),
  );

  const even = dependency({ n: Query(v.pipe(v.number(), v.integer())) }, ({ n }) => {
    if (n % 2 !== 0) throw new HTTPException(400, "n must be even", { "X-Parity": "odd" });
  });
  app.get(
    "/dep/even",
    { dependencies: [Depends(even)], params: { n: Query(v.pipe(v.number(), v.integer())) } },
    ({ n }) => ({ n, half: Math.floor(n / 2) }),
  );
  app.get("/items/{id}", { params: { id: Path(v.pipe(v.number(), v.integer())) } }, ({ id }) => ({
    id,
  }));
  return { app, events, common };
}

const locs = (res: { json(): { detail: { loc: unknown[] }[] } }) =>
  res.json().detail.map((e) => e.loc);

describe("dependencies", () => {
  const { app } = makeApp();
  const client = new TestClient(app);

  it("injects a shared dependency that reads query params", async () => {
    expect((await client.get("/dep/common?skip=5")).json()).toEqual({
      source: "common",
      q: null,
      skip: 5,
      limit: 10,
    });
    expect(locs(await client.get("/dep/common?limit=99"))).toEqual([["query", "limit"]]);
  });

  it("runs the app-level gate before validating the route's params", async () => {
    const res = await client.get("/items/abc", { headers: { "X-Block": "yes" } });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ detail: "Blocked by global gate" });
    expect((await client.get("/items/abc")).status).toBe(422);
  });

  it("does not run the gate for 404s", async () => {
    expect((await client.get("/nope", { headers: { "X-Block": "yes" } })).status).toBe(404);
  });

  it("evaluates a dependency once per request, however often it is used", async () => {
    expect((await client.get("/dep/cached")).json()).toEqual({ a: 1, b: 1, c: 1, calls: 1 });
  });

  it("re-evaluates uses with cache: false, in declaration order", async () => {
    expect((await client.get("/dep/uncached")).json()).toEqual({ a: 1, b: 2, c: 3, calls: 3 });
  });

  it("runs generator cleanup after the response, and lets it see the handler's error", async () => {
    const ok = await client.get("/dep/yield?key=k1");
    expect(ok.json()).toEqual({ key: "k1", events_so_far: ["open", "use"] });
    expect((await client.get("/sidechannel/k1")).json().events).toEqual(["open", "use", "close"]);
    const failed = await client.get("/dep/yield?key=k2&fail=true");
    expect(failed.status).toBe(400);
    expect((await client.get("/sidechannel/k2")).json().events).toEqual([
      "open",
      "use",
      "error:400",
      "close",
    ]);
  });

  it("does not call a dependency whose own params are invalid", async () => {
    const res = await client.get("/dep/yield");
    expect(res.status).toBe(422);
    expect(locs(res)).toEqual([["query", "key"]]);
  });

  it("reports one error per declaration of the same param", async () => {
    expect(locs(await client.get("/dep/prefix"))).toEqual([
      ["query", "word"],
      ["query", "word"],
    ]);
    expect((await client.get("/dep/prefix?word=cone")).json()).toEqual({
      word: "cone",
      prefix: "con",
      matches: true,
    });
  });

  it("runs decorator-level dependencies for effect, and their HTTPException wins", async () => {
    const odd = await client.get("/dep/even?n=3");
    expect(odd.status).toBe(400);
    expect(odd.headers.get("x-parity")).toBe("odd");
    expect((await client.get("/dep/even?n=4")).json()).toEqual({ n: 4, half: 2 });
    expect(locs(await client.get("/dep/even?n=x"))).toEqual([
      ["query", "n"],
      ["query", "n"],
    ]);
  });

  it("swaps providers with dependencyOverrides, and re-plans when they change", async () => {
    const { app: fresh, common } = makeApp();
    const c = new TestClient(fresh);
    fresh.dependencyOverrides.set(common, () => ({ q: "fake", skip: 0, limit: 1 }));
    expect((await c.get("/dep/common?limit=99")).json()).toEqual({
      source: "common",
      q: "fake",
      skip: 0,
      limit: 1,
    });
    fresh.dependencyOverrides.clear();
    expect((await c.get("/dep/common")).json()).toEqual({
      source: "common",
      q: null,
      skip: 0,
      limit: 10,
    });
  });

  it("fails at startup when a Path param is not in the template", () => {
    const bad = new Typhoon();
    bad.get("/items", { params: { id: Path(v.string()) } as never }, () => null);
    expect(() => bad.build()).toThrow(/path parameter "id"/);
  });

  it("fails at startup on a dependency cycle", () => {
    const bad = new Typhoon();
    const a: { params: object } = dependency(() => 1);
    const b = dependency({ a: Depends(a as never) }, () => 2);
    (a as { params: object }).params = { b: Depends(b) };
    bad.get("/x", { params: { b: Depends(b) } }, () => null);
    expect(() => bad.build()).toThrow(/cycle/i);
  });

  it("reports a failed build at lifespan startup", async () => {
    const bad = new Typhoon();
    bad.get("/items", { params: { id: Path(v.string()) } as never }, () => null);
    await expect(TestClient.start(bad)).rejects.toThrow(/path parameter/);
  });
});

describe("function-scoped dependencies", () => {
  function makeScopedApp(events: string[], failCommit = false) {
    const app = new Typhoon({ logger: quiet });
    const session = dependency(async function* () {
      events.push("begin");
      yield { add: (row: string) => events.push(`insert ${row}`) };
      if (failCommit) throw new Error("commit failed");
      events.push("commit");
    });
    const audit = dependency(async function* () {
      try {
        yield null;
      } finally {
        events.push("audit after response");
      }
    });
    app.post(
      "/rows",
      { params: { db: Depends(session, { scope: "function" }), _: Depends(audit) }, status: 201 },
      ({ db }) => {
        db.add("row");
        events.push("handler returned");
        return { created: true };
      },
    );
    return app;
  }

  it("end before the response is sent; request-scoped ones after it", async () => {
    const events: string[] = [];
    const app = makeScopedApp(events);
    const sentAt: number[] = [];
    const wrapped = new TestClient(async (scope, receive, send) =>
      app.serverApp(scope, receive, async (message) => {
        if (message.type === "http.response.start") sentAt.push(events.length);
        await send(message);
      }),
    );
    const res = await wrapped.post("/rows");
    expect(res.status).toBe(201);
    expect(events).toEqual([
      "begin",
      "insert row",
      "handler returned",
      "commit",
      "audit after response",
    ]);
    expect(sentAt).toEqual([4]); // the response started after "commit"
  });

  it("turn a failing cleanup into the error response instead of a success", async () => {
    const events: string[] = [];
    const res = await new TestClient(makeScopedApp(events, true), {
      raiseServerExceptions: false,
    }).post("/rows");
    expect(res.status).toBe(500);
    expect(events).toContain("audit after response");
  });
});
