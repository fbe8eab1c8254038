import type { Middleware } from "@typhoon/server";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { BackgroundTasks, Depends, dependency, Path, Query, Request, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };

describe("lifespan", () => {
  it("runs hooks and the handler around the app, and shares the yielded state with requests", async () => {
    const events: string[] = [];
    const app = new Typhoon({
      logger: quiet,
      async *lifespan(a) {
        events.push(`startup ${a.title}`);
        yield { preloaded: ["alpha", "beta"] };
        events.push("shutdown");
      },
    });
    app.onStartup(() => events.push("hook-start"));
    app.onShutdown(() => events.push("hook-stop"));
    app.get("/state", { params: { request: Request } }, ({ request }) => request.state);
    {
      await using client = await TestClient.start(app);
      expect((await client.get("/state")).json()).toEqual({ preloaded: ["alpha", "beta"] });
      expect(events).toEqual(["hook-start", "startup Typhoon"]);
    }
    expect(events).toEqual(["hook-start", "startup Typhoon", "shutdown", "hook-stop"]);
  });

  it("aborts the start when startup fails", async () => {
    const app = new Typhoon({
      logger: quiet,
      // biome-ignore lint/correctness/useYield: failing before the yield is the point
      async *lifespan() {
        throw new Error("database unreachable");
      },
    });
    await expect(TestClient.start(app)).rejects.toThrow(/database unreachable/);
  });
});

describe("background tasks", () => {
  function makeApp(log: string[]) {
    const app = new Typhoon({ logger: { ...quiet, error: (m) => log.push(`logged: ${m}`) } });
    const notifier = dependency(
      { key: Query(v.string()), tasks: BackgroundTasks },
      ({ key, tasks }) => {
        tasks.add((k: string) => log.push(`dependency-task ${k}`), key);
      },
    );
    app.post(
      "/tasks/notify/{email}",
      {
        params: { email: Path(v.string()), _: Depends(notifier), tasks: BackgroundTasks },
        status: 202,
      },
      ({ email, tasks }) => {
        tasks.add(() => {
          throw new Error("mail server down");
        });
        tasks.add(async (e: string) => {
          await new Promise((r) => setTimeout(r, 5));
          log.push(`notified:${e}`);
        }, email);
        log.push("handler");
        return { queued: true, email };
      },
    );
    return app;
  }

  it("runs after the response, in order; a failing task is logged and the others still run", async () => {
    const log: string[] = [];
    const res = await new TestClient(makeApp(log)).post("/tasks/notify/a@b.c?key=k");
    expect(res.status).toBe(202);
    expect(log).toEqual([
      "handler",
      "dependency-task k",
      "logged: Background task failed",
      "notified:a@b.c",
    ]);
  });
});

describe("middleware order", () => {
  it("makes the last added middleware the outermost", async () => {
    const order: string[] = [];
    const tag =
      (name: string): Middleware =>
      (inner) =>
      async (scope, receive, send) => {
        order.push(`${name} in`);
        await inner(scope, receive, async (message) => {
          if (message.type === "http.response.start")
            message.headers = [...(message.headers ?? []), ["x-mw", name]];
          await send(message);
        });
        order.push(`${name} out`);
      };
    const app = new Typhoon();
    app.get("/", () => "ok");
    app.addMiddleware(tag("a")).addMiddleware(tag("b"));
    const res = await new TestClient(app).get("/");
    expect(order).toEqual(["b in", "a in", "a out", "b out"]);
    expect(res.headers.getAll("x-mw")).toEqual(["a", "b"]);
  });
});
