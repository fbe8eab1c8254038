/**
 * Faults inside the app, over a real socket: a handler, dependency, cleanup, middleware,
 * response schema or background task that throws or never settles. The client gets a proper
 * answer (500 without internals, or the app's 504 deadline), generator cleanups run, the
 * error is logged with the request id, and the same connection serves the next request.
 */
import { describe, expect, it } from "vitest";
import {
  call,
  eventually,
  expectStillServing,
  RawConnection,
  type Served,
  startApp,
} from "./harness";

/** Nothing of the error's message, file names or stack reaches the client. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/exploded|secret\.ts|hunter2|dsn=|\bat \S+ \(|Error:/);
}

function loggedWithId(served: Served, id: string): boolean {
  return served.logs.some(
    (line) => line.level === "error" && line.message === `request ${id} failed`,
  );
}

describe("failures answer 500 without internals, and cleanups run", () => {
  it("a handler that throws: 500 JSON with the request id, resource cleaned up, error logged with the id", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/fault/handler", {
      headers: { "x-request-id": "trace-42" },
    });
    expect(answer.status).toBe(500);
    expect(answer.json()).toEqual({ detail: "Internal Server Error", request_id: "trace-42" });
    expect(answer.headers["x-request-id"]).toBe("trace-42");
    expectNoInternals(answer.text);
    await eventually(() => served.events.includes("resource closed"));
    expect(served.events).toEqual(["resource open", "resource closed"]);
    expect(loggedWithId(served, "trace-42")).toBe(true);
    const logged = served.logs.find((line) => line.message === "request trace-42 failed");
    expect((logged?.error as Error | undefined)?.message).toMatch(/handler exploded/);
    await expectStillServing(served);
  });

  it("a dependency that throws: 500, the dependency opened before it is cleaned up", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/fault/dependency");
    expect(answer.status).toBe(500);
    expectNoInternals(answer.text);
    await eventually(() => served.events.includes("resource closed"));
    expect(loggedWithId(served, answer.headers["x-request-id"] as string)).toBe(true);
  });

  it("an HTTPException: its own status, cleanups run, nothing logged as an error", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/fault/http");
    expect(answer.status).toBe(409);
    expect(answer.json()).toEqual({ detail: "conflict, as planned" });
    await eventually(() => served.events.includes("resource closed"));
    expect(served.logs.filter((line) => line.level === "error")).toEqual([]);
  });

  it("a cleanup that throws after the response: the client has its 200, the failure is logged", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/fault/cleanup");
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ x: "value" });
    await eventually(() =>
      served.logs.some((line) => line.message === "Dependency cleanup failed"),
    );
    await expectStillServing(served);
  });

  it("a background task that throws: 200, logged, and the next task still runs", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/fault/background");
    expect(answer.json()).toEqual({ queued: 2 });
    await eventually(() => served.events.includes("task 2"));
    expect(served.events).toEqual(["task 1", "task 2"]);
    expect(served.logs.some((line) => line.message === "Background task failed")).toBe(true);
  });

  it("a middleware that throws: 500 plain text, logged, no internals", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/fault/middleware");
    expect(answer.status).toBe(500);
    expect(answer.text).toBe("Internal Server Error");
    expect(
      served.logs.some((line) => line.message === "Error handling GET /fault/middleware"),
    ).toBe(true);
    await expectStillServing(served);
  });

  it("a response that breaks its schema: 500, the invalid data is never sent", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/fault/response");
    expect(answer.status).toBe(500);
    expect(answer.text).not.toContain("nope");
  });

  it("after each failure the same keep-alive connection serves the next request", async () => {
    const served = await startApp();
    const connection = await RawConnection.connect(served.port);
    const paths = [
      "/fault/handler",
      "/fault/dependency",
      "/fault/middleware",
      "/fault/response",
      "/fault/cleanup",
      "/ping",
    ];
    for (const [i, path] of paths.entries()) {
      connection.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const response = await connection.response(i + 1);
      expect(response.status).toBe(path === "/ping" || path === "/fault/cleanup" ? 200 : 500);
    }
    expect(connection.isClosed).toBe(false);
  });
});

describe("work that never settles (Typhoon has no handler timeout: the app adds a deadline)", () => {
  it("a handler that never resolves: the app's deadline answers 504; the server serves on", async () => {
    const served = await startApp();
    const answer = await call(served, "GET", "/fault/hang/handler");
    expect(answer.status).toBe(504);
    expect(answer.json()).toEqual({ detail: "Gateway Timeout" });
    await expectStillServing(served);
  });

  it("a dependency that never resolves: 504 the same way", async () => {
    const served = await startApp();
    expect((await call(served, "GET", "/fault/hang/dependency")).status).toBe(504);
  });

  it("a background task that never resolves: the client is answered at once; a graceful close is bounded", async () => {
    const served = await startApp({ gracefulTimeout: 300 });
    const answer = await call(served, "GET", "/fault/hang/background");
    expect(answer.json()).toEqual({ queued: 1 });
    await expectStillServing(served);
    await served.server.close();
    expect(
      served.serverLogs.some((line) => line.level === "warn" && /still running/.test(line.message)),
    ).toBe(true);
  });
});
