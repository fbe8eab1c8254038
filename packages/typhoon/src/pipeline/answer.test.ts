import { dependency } from "@typhoon/di";
import { describe, expect, it } from "vitest";
import { Typhoon } from "../app";
import { BackgroundTasks } from "../http/background";
import { HTTPException } from "../http/exceptions";
import { PlainTextResponse } from "../http/responses";
import { Depends } from "../index";
import { TestClient } from "../testing/test-client";

const quiet = { info() {}, warn() {}, error() {} };

describe("the answer path", () => {
  it("answers with one Response object as often as it is returned, unchanged", async () => {
    const shared = new PlainTextResponse("same every time", { headers: { "x-kind": "shared" } });
    const before = shared.headers.map((pair) => [...pair]);
    const app = new Typhoon({ logger: quiet });
    app.get("/shared", () => shared);
    app.get("/shared-async", async () => shared);
    const client = new TestClient(app);
    for (const path of ["/shared", "/shared-async", "/shared", "/shared-async"]) {
      const res = await client.get(path);
      expect(res.text).toBe("same every time");
      expect([...res.headers].filter(([name]) => name === "content-length")).toEqual([
        ["content-length", "15"],
      ]);
    }
    expect(shared.headers).toEqual(before);
  });

  it("runs background tasks after the body and before dependency cleanup; none for an error", async () => {
    const events: string[] = [];
    const session = dependency(function* () {
      events.push("open");
      try {
        yield "session";
      } finally {
        events.push("cleanup");
      }
    });
    const app = new Typhoon({ logger: quiet });
    const params = { tasks: BackgroundTasks, db: Depends(session) };
    app.get("/ok", { params }, ({ tasks }) => {
      tasks.add(() => events.push("task"));
      return { ok: true };
    });
    app.get("/fails", { params }, ({ tasks }) => {
      tasks.add(() => events.push("task of a failed request"));
      throw new HTTPException(409, "taken");
    });
    const client = new TestClient(app);
    expect((await client.get("/ok")).json()).toEqual({ ok: true });
    expect(events).toEqual(["open", "task", "cleanup"]);
    events.length = 0;
    const failed = await client.get("/fails");
    expect([failed.status, failed.json()]).toEqual([409, { detail: "taken" }]);
    expect(events).toEqual(["open", "cleanup"]);
  });

  it("lets cleanup see the error before the exception handler renders it", async () => {
    const events: string[] = [];
    const session = dependency(function* () {
      try {
        yield "session";
      } catch (error) {
        events.push(`cleanup saw ${(error as Error).message}`);
        throw error;
      }
    });
    const app = new Typhoon({ logger: quiet });
    app.exceptionHandler(HTTPException, (_request, error: HTTPException) => {
      events.push("handler");
      return new PlainTextResponse(String(error.detail), { status: error.status });
    });
    app.get("/boom", { params: { db: Depends(session) } }, async () => {
      throw new HTTPException(418, "teapot");
    });
    const res = await new TestClient(app).get("/boom");
    expect([res.status, res.text]).toEqual([418, "teapot"]);
    expect(events).toEqual(["cleanup saw teapot", "handler"]);
  });

  it("sends the 405 and the slash redirect of the app through the same path", async () => {
    const app = new Typhoon({ logger: quiet });
    app.get("/items", () => []);
    app.exceptionHandler(405, async (_request, error: HTTPException) => {
      await Promise.resolve();
      return new PlainTextResponse(`custom ${error.status}`, { status: 405 });
    });
    const client = new TestClient(app);
    const refused = await client.post("/items");
    expect([refused.status, refused.text]).toEqual([405, "custom 405"]);
    const moved = await client.get("/items/", { followRedirects: false });
    expect(moved.status).toBe(307);
    expect(moved.headers.get("location")).toBe("http://testserver/items");
  });
});
