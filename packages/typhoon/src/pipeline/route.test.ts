import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Typhoon } from "../app";
import { BackgroundTasks } from "../http/background";
import { HTTPException } from "../http/exceptions";
import { JSONResponse, Response } from "../http/responses";
import { Depends, dependency, Query } from "../index";
import { TestClient } from "../testing/test-client";

const quiet = { info() {}, warn() {}, error() {} };

// Routes with a synchronous plan, no body and no cleanup take the synchronous path in
// PlannedRoute.handle; each of its ways out is exercised here.
function makeApp(done: string[]) {
  const app = new Typhoon({ logger: quiet });
  const later = dependency(() => Promise.resolve("from a promise"));
  app.get("/plain", { params: { n: Query(v.optional(v.number(), 1)) } }, ({ n }) => ({ n }));
  app.get("/promised-dependency", { params: { value: Depends(later) } }, ({ value }) => ({
    value,
  }));
  app.get("/async-handler", async () => ({ async: true }));
  app.get("/response", () => new JSONResponse({ own: true }, { status: 202 }));
  app.get("/tasks", { params: { tasks: BackgroundTasks } }, ({ tasks }) => {
    tasks.add(() => done.push("task"));
    return { queued: true };
  });
  app.get("/injected", { params: { response: Response } }, ({ response }) => {
    response.status = 201;
    response.setHeader("x-extra", "1");
    return { injected: true };
  });
  app.get("/no-content", { params: { response: Response } }, ({ response }) => {
    response.status = 204;
    return { dropped: true };
  });
  app.get("/raises", () => {
    throw new HTTPException(409, "conflict");
  });
  app.get("/async-raises", async () => {
    throw new HTTPException(410, "gone");
  });
  // A value the response schema refuses (typed as if it matched, as a bug would be).
  app.get(
    "/rejects-value",
    { response: v.object({ id: v.number() }) },
    () => ({ id: "no" }) as unknown as { id: number },
  );
  return app;
}

describe("the synchronous path of a route", () => {
  const done: string[] = [];
  const client = new TestClient(makeApp(done), { raiseServerExceptions: false });

  it("answers plain values and validation errors", async () => {
    expect((await client.get("/plain?n=3")).json()).toEqual({ n: 3 });
    const bad = await client.get("/plain?n=x");
    expect(bad.status).toBe(422);
    expect((bad.json() as { detail: { loc: unknown }[] }).detail[0]?.loc).toEqual(["query", "n"]);
  });

  it("continues when a plain dependency returns a promise, or the handler is async", async () => {
    expect((await client.get("/promised-dependency")).json()).toEqual({ value: "from a promise" });
    expect((await client.get("/async-handler")).json()).toEqual({ async: true });
  });

  it("sends a returned Response as is, and an injected Response's status and headers", async () => {
    const own = await client.get("/response");
    expect([own.status, own.json()]).toEqual([202, { own: true }]);
    const injected = await client.get("/injected");
    expect([injected.status, injected.headers.get("x-extra"), injected.json()]).toEqual([
      201,
      "1",
      { injected: true },
    ]);
    const empty = await client.get("/no-content");
    expect([empty.status, empty.text]).toEqual([204, ""]);
  });

  it("runs background tasks after the response", async () => {
    expect((await client.get("/tasks")).json()).toEqual({ queued: true });
    expect(done).toEqual(["task"]);
  });

  it("answers errors through the exception handlers, sync or async", async () => {
    expect([
      (await client.get("/raises")).status,
      (await client.get("/async-raises")).status,
    ]).toEqual([409, 410]);
    expect((await client.get("/rejects-value")).status).toBe(500);
  });
});
