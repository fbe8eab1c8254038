import { describe, expect, it } from "vitest";
import { startInProcessHost } from "../../src/inprocess/index";
import { LifespanError } from "../../src/lifespan/run";
import type { ServerApp } from "../../src/types";
import { memoryLogger } from "../websocket/harness";

/** Fills state at startup, reports it in every http and websocket scope, records shutdown. */
function lifespanApp(events: string[]): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type === "lifespan") {
      await receive();
      scope.state.db = "connected";
      events.push("startup");
      await send({ type: "lifespan.startup.complete" });
      await receive();
      events.push("shutdown");
      await send({ type: "lifespan.shutdown.complete" });
      return;
    }
    if (scope.type === "http") {
      await receive();
      await send({ type: "http.response.start", status: 200 });
      await send({
        type: "http.response.body",
        body: Buffer.from(`${scope.root_path}|${scope.state.db}`),
      });
      return;
    }
    await receive();
    await send({ type: "websocket.accept" });
    await send({ type: "websocket.send", text: String(scope.state.db) });
    await receive();
  };
}

describe("startInProcessHost", () => {
  it("runs startup first, shares the lifespan state, and runs shutdown once on close", async () => {
    const events: string[] = [];
    const host = await startInProcessHost(lifespanApp(events), { rootPath: "/api" });
    expect(events).toEqual(["startup"]);
    expect(host.state).toEqual({ db: "connected" });
    const response = await host.request({ path: "/" });
    expect(Buffer.from(response.body).toString()).toBe("/api|connected");
    const own = await host.request({ path: "/", rootPath: "/other", state: { db: "mine" } });
    expect(Buffer.from(own.body).toString()).toBe("/other|mine");
    const ws = await host.websocket({ path: "/ws" });
    expect(await ws.receiveText()).toBe("connected");
    await ws.close();
    await host.close();
    await host.close();
    expect(events).toEqual(["startup", "shutdown"]);
    await expect(async () => host.request({ path: "/" })).rejects.toThrow(/closed/);
  });

  it("closes through `await using`", async () => {
    const events: string[] = [];
    {
      await using host = await startInProcessHost(lifespanApp(events));
      await host.request({ path: "/" });
    }
    expect(events).toEqual(["startup", "shutdown"]);
  });

  it("fails to start when the app reports a startup failure", async () => {
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type !== "lifespan") return;
      await receive();
      await send({ type: "lifespan.startup.failed", message: "no database" });
    };
    await expect(startInProcessHost(app, { logger: memoryLogger([]) })).rejects.toBeInstanceOf(
      LifespanError,
    );
  });

  it("passes raiseAppErrors down to every request", async () => {
    const boom = new Error("boom");
    const host = await startInProcessHost(
      async (scope) => {
        if (scope.type === "http") throw boom;
      },
      { lifespan: "off", raiseAppErrors: true },
    );
    await expect(host.request({ path: "/" })).rejects.toBe(boom);
    await host.close();
  });
});
