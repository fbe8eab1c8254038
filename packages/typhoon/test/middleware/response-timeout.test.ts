import { httpStream } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { Depends, dependency, Typhoon } from "../../src/index";
import { StreamingResponse } from "../../src/responses/index";
import { TestClient } from "../../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };
const never = () => new Promise<never>(() => {});

function makeApp(responseTimeout: number | null = 50) {
  const app = new Typhoon({ logger: quiet, responseTimeout });
  let cleaned = 0;
  const session = dependency(async function* () {
    try {
      yield "s";
    } finally {
      cleaned++;
    }
  });
  app.get("/hang", { params: { s: Depends(session) } }, () => never());
  app.get("/slow-dep", { params: { d: Depends(dependency(() => never())) } }, () => "never");
  app.get("/fast", () => ({ ok: true }));
  app.get("/late-fail", async () => {
    await new Promise((r) => setTimeout(r, 120));
    throw new Error("too late to matter");
  });
  app.get(
    "/stream",
    () =>
      new StreamingResponse(
        (async function* () {
          for (let i = 0; i < 3; i++) {
            await new Promise((r) => setTimeout(r, 40));
            yield `chunk ${i}\n`;
          }
        })(),
      ),
  );
  return { app, cleaned: () => cleaned };
}

describe("responseTimeout", () => {
  // httpStream: the in-process TestClient also waits for the app call, which never returns here.
  async function get(app: Typhoon, path: string) {
    const res = await httpStream(app.serverApp, { path });
    let body = "";
    for await (const chunk of res.body) body += Buffer.from(chunk).toString();
    return { status: res.status, body };
  }

  it("answers 504 when a handler or a dependency never settles", async () => {
    const { app } = makeApp();
    expect(await get(app, "/hang")).toEqual({ status: 504, body: '{"detail":"Gateway Timeout"}' });
    expect((await get(app, "/slow-dep")).status).toBe(504);
    expect((await new TestClient(app).get("/fast")).json()).toEqual({ ok: true });
  });

  it("ignores a failure that comes after the 504", async () => {
    const res = await new TestClient(makeApp().app, { raiseServerExceptions: false }).get(
      "/late-fail",
    );
    expect(res.status).toBe(504);
    await new Promise((r) => setTimeout(r, 150));
  });

  it("does not cut a response that started in time", async () => {
    const res = await httpStream(makeApp().app.serverApp, { path: "/stream" });
    let body = "";
    for await (const chunk of res.body) body += Buffer.from(chunk).toString();
    expect(res.status).toBe(200);
    expect(body).toBe("chunk 0\nchunk 1\nchunk 2\n");
  });

  it("covers every way a request can go async: handler, exception handlers, mounts, middleware", async () => {
    const app = new Typhoon({ logger: quiet, responseTimeout: 50 });
    class Stuck extends Error {}
    app.exceptionHandler(Stuck, () => never());
    app.exceptionHandler(404, () => never());
    app.get("/async", async () => never());
    app.get("/stuck", () => {
      throw new Stuck();
    });
    app.mount("/raw", () => never());
    for (const path of ["/async", "/stuck", "/nowhere", "/raw/x"]) {
      expect(await get(app, path), path).toEqual({
        status: 504,
        body: '{"detail":"Gateway Timeout"}',
      });
    }
    // With middleware the deadline wraps the whole stack: a middleware can hang too.
    const wrapped = new Typhoon({ logger: quiet, responseTimeout: 50 });
    wrapped.middleware(async (request, callNext) => {
      if (request.path === "/mw-hang") await never();
      return callNext(request);
    });
    wrapped.get("/ok", () => ({ ok: true }));
    expect((await get(wrapped, "/mw-hang")).status).toBe(504);
    expect(await get(wrapped, "/ok")).toEqual({ status: 200, body: '{"ok":true}' });
  });

  it("lets a mounted Typhoon app keep its own deadline", async () => {
    const outer = new Typhoon({ logger: quiet, responseTimeout: 50 });
    const inner = new Typhoon({ logger: quiet, responseTimeout: null });
    inner.get("/slow", async () => {
      await new Promise((r) => setTimeout(r, 120));
      return { done: true };
    });
    outer.mount("/inner", inner);
    expect(await get(outer, "/inner/slow")).toEqual({ status: 200, body: '{"done":true}' });
  });

  it("can be turned off", async () => {
    const { app } = makeApp(null);
    const pending = new TestClient(app).get("/hang");
    const winner = await Promise.race([
      pending.then(() => "answered"),
      new Promise((r) => setTimeout(() => r("still waiting"), 150)),
    ]);
    expect(winner).toBe("still waiting");
  });
});
