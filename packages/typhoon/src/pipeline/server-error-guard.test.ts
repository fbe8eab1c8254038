import type { HTTPScope, SendMessage, ServerApp } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { serverErrorGuard } from "./server-error-guard";

const scope = { type: "http", method: "GET", path: "/x" } as HTTPScope;
const receive = () => Promise.resolve({ type: "http.disconnect" as const });

function run(app: ServerApp) {
  const sent: SendMessage[] = [];
  const logged: unknown[] = [];
  const logger = {
    info() {},
    warn() {},
    debug() {},
    error: (_m: string, e: unknown) => logged.push(e),
  };
  const send = (message: SendMessage) => {
    sent.push(message);
    return Promise.resolve();
  };
  return { done: serverErrorGuard(app, logger)(scope, receive, send), sent, logged };
}

describe("serverErrorGuard", () => {
  it.each([
    [
      "throws",
      (() => {
        throw new Error("boom");
      }) as unknown as ServerApp,
    ],
    [
      "rejects",
      (async () => {
        throw new Error("boom");
      }) as ServerApp,
    ],
  ])(
    "answers a bare 500 when the app %s before its response started, and logs",
    async (_how, app) => {
      const { done, sent, logged } = run(app);
      await done;
      expect(sent.map((m) => m.type)).toEqual(["http.response.start", "http.response.body"]);
      expect((sent[0] as { status: number }).status).toBe(500);
      expect(logged).toHaveLength(1);
    },
  );

  it("passes the error on once the response started (the host cuts the connection)", async () => {
    const boom = new Error("mid-stream");
    const { done, sent, logged } = run(async (_scope, _receive, send) => {
      await send({ type: "http.response.start", status: 200 });
      throw boom;
    });
    await expect(done).rejects.toBe(boom);
    expect(sent).toHaveLength(1);
    expect(logged).toEqual([boom]);
  });

  it("stays out of the way of a working app", async () => {
    const { done, sent, logged } = run(async (_scope, _receive, send) => {
      await send({ type: "http.response.start", status: 204 });
      await send({ type: "http.response.body" });
    });
    await expect(done).resolves.toBeUndefined();
    expect(sent).toHaveLength(2);
    expect(logged).toEqual([]);
  });
});
