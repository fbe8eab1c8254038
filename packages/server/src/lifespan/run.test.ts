import { describe, expect, it } from "vitest";
import type { Logger } from "../logger";
import type { ReceiveMessage, Scope, ServerApp } from "../types";
import { LifespanError, startLifespan } from "./run";

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: (m) => lines.push(`debug ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
  return { lines, logger };
}

/** A well-behaved lifespan app that records what it saw. */
function lifecycleApp(events: string[]): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "lifespan") throw new Error("lifespan only");
    for (;;) {
      const message = await receive();
      events.push(message.type);
      if (message.type === "lifespan.startup") {
        scope.state.db = "connected";
        await send({ type: "lifespan.startup.complete" });
      } else if (message.type === "lifespan.shutdown") {
        await send({ type: "lifespan.shutdown.complete" });
        return;
      }
    }
  };
}

describe("startLifespan", () => {
  it("runs startup before resolving and shutdown on demand, sharing state", async () => {
    const events: string[] = [];
    const state = { preset: 1 };
    const lifespan = await startLifespan(lifecycleApp(events), { state });
    expect(events).toEqual(["lifespan.startup"]);
    expect(lifespan.state).toBe(state);
    expect(state).toEqual({ preset: 1, db: "connected" });
    await lifespan.shutdown();
    expect(events).toEqual(["lifespan.startup", "lifespan.shutdown"]);
    await lifespan.shutdown(); // idempotent
    expect(events).toHaveLength(2);
  });

  it("passes a lifespan scope with the ASGI version", async () => {
    let seen: Scope | undefined;
    await startLifespan(async (scope) => {
      seen = scope;
    });
    expect(seen).toMatchObject({ type: "lifespan", asgi: { version: "3.0" }, state: {} });
  });

  it("rejects with the app's message on lifespan.startup.failed", async () => {
    const app: ServerApp = async (_scope, receive, send) => {
      await receive();
      await send({ type: "lifespan.startup.failed", message: "database unreachable" });
    };
    const error = await startLifespan(app).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LifespanError);
    expect((error as LifespanError).message).toBe("database unreachable");
    expect((error as LifespanError).phase).toBe("startup");
  });

  it("mode auto: an app that throws before sending anything is treated as lifespan-less", async () => {
    const { lines, logger } = recordingLogger();
    const lifespan = await startLifespan(
      async (scope) => {
        if (scope.type !== "http") throw new Error("only http here");
      },
      { logger },
    );
    await expect(lifespan.shutdown()).resolves.toBeUndefined();
    expect(lines).toEqual([expect.stringMatching(/^debug Lifespan skipped.*only http here/)]);
  });

  it("mode auto: a synchronous throw is handled the same way", async () => {
    const app = ((scope: Scope) => {
      if (scope.type === "lifespan") throw new Error("sync");
      return Promise.resolve();
    }) as ServerApp;
    await expect(startLifespan(app)).resolves.toMatchObject({ state: {} });
  });

  it("mode on: a throw before sending anything rejects startup with that error", async () => {
    const error = await startLifespan(
      async () => {
        throw new Error("boom");
      },
      { mode: "on" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LifespanError);
    expect((error as Error).message).toBe("boom");
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it("mode auto: a throw after the app answered is still a failure", async () => {
    const app: ServerApp = async (_scope, receive, send) => {
      await receive();
      await send({ type: "lifespan.startup.failed", message: "first" }).catch(() => {});
      throw new Error("then threw");
    };
    await expect(startLifespan(app)).rejects.toThrow("first");
  });

  it("mode off: never calls the app", async () => {
    let calls = 0;
    const lifespan = await startLifespan(
      async () => {
        calls++;
      },
      { mode: "off", state: { a: 1 } },
    );
    await lifespan.shutdown();
    expect(calls).toBe(0);
    expect(lifespan.state).toEqual({ a: 1 });
  });

  it("an app that returns without answering counts as started and stopped", async () => {
    const lifespan = await startLifespan(async () => {});
    await expect(lifespan.shutdown()).resolves.toBeUndefined();
  });

  it("rejects shutdown with the app's message on lifespan.shutdown.failed", async () => {
    const app: ServerApp = async (_scope, receive, send) => {
      await receive();
      await send({ type: "lifespan.startup.complete" });
      await receive();
      await send({ type: "lifespan.shutdown.failed", message: "could not flush" });
    };
    const lifespan = await startLifespan(app);
    await expect(lifespan.shutdown()).rejects.toThrow("could not flush");
  });

  it("rejects shutdown when the app throws while shutting down", async () => {
    const app: ServerApp = async (_scope, receive, send) => {
      await receive();
      await send({ type: "lifespan.startup.complete" });
      await receive();
      throw new Error("crash on close");
    };
    const lifespan = await startLifespan(app);
    const error = await lifespan.shutdown().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LifespanError);
    expect((error as LifespanError).phase).toBe("shutdown");
  });

  it("logs an app that fails between startup and shutdown; shutdown then resolves", async () => {
    const { lines, logger } = recordingLogger();
    let fail!: () => void;
    const failed = new Promise<void>((resolve) => {
      fail = resolve;
    });
    const app: ServerApp = async (_scope, receive, send) => {
      await receive();
      await send({ type: "lifespan.startup.complete" });
      await failed;
      throw new Error("background crash");
    };
    const lifespan = await startLifespan(app, { logger });
    fail();
    await new Promise((r) => setTimeout(r, 0));
    expect(lines).toEqual(["error Lifespan app failed while running"]);
    await expect(lifespan.shutdown()).resolves.toBeUndefined();
  });

  it("rejects messages out of order and messages of other scopes", async () => {
    const results: unknown[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const app: ServerApp = async (_scope, receive, send) => {
      await receive();
      results.push(
        await send({ type: "lifespan.shutdown.complete" }).catch((e: Error) => e.message),
      );
      results.push(
        await send({ type: "http.response.start", status: 200 }).catch((e: Error) => e.message),
      );
      await send({ type: "lifespan.startup.complete" });
      results.push(
        await send({ type: "lifespan.startup.complete" }).catch((e: Error) => e.message),
      );
      done();
    };
    await startLifespan(app);
    await finished;
    expect(results).toEqual([
      'Lifespan message "lifespan.shutdown.complete" sent out of order',
      'Message type "http.response.start" is not valid on a lifespan scope',
      'Lifespan message "lifespan.startup.complete" sent out of order',
    ]);
  });

  it("delivers startup then shutdown, and nothing after", async () => {
    const seen: ReceiveMessage["type"][] = [];
    let third: Promise<ReceiveMessage> | undefined;
    const app: ServerApp = async (_scope, receive, send) => {
      seen.push((await receive()).type);
      await send({ type: "lifespan.startup.complete" });
      seen.push((await receive()).type);
      third = receive();
      await send({ type: "lifespan.shutdown.complete" });
    };
    const lifespan = await startLifespan(app);
    await lifespan.shutdown();
    expect(seen).toEqual(["lifespan.startup", "lifespan.shutdown"]);
    const settled = await Promise.race([
      third,
      new Promise((r) => setTimeout(() => r("pending"), 20)),
    ]);
    expect(settled).toBe("pending");
  });
});
