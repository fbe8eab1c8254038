import { describe, expect, it } from "vitest";
import { WebSocketClosed, WebSocketRejected, websocketConnect } from "../../src/inprocess/index";
import type { ReceiveMessage, ServerApp, WebSocketScope } from "../../src/types";
import { ClientDisconnected, WebSocketProtocolError } from "../../src/websocket/errors";
import { deferred, memoryLogger } from "../websocket/harness";

/** Accepts (with the last offered subprotocol), echoes frames, records what it receives. */
function echoApp(seen: ReceiveMessage[] = []): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "websocket") return;
    seen.push(await receive());
    await send({ type: "websocket.accept", subprotocol: scope.subprotocols.at(-1) ?? null });
    for (;;) {
      const message = await receive();
      seen.push(message);
      if (message.type !== "websocket.receive") return;
      if (message.text !== undefined) await send({ type: "websocket.send", text: message.text });
      else if (message.bytes !== undefined)
        await send({ type: "websocket.send", bytes: message.bytes });
    }
  };
}

describe("websocketConnect", () => {
  it("echoes text, bytes and JSON, and closes 1000 at the end of an `await using` block", async () => {
    const seen: ReceiveMessage[] = [];
    {
      await using ws = await websocketConnect(echoApp(seen), { path: "/ws" });
      await ws.sendText("hi");
      expect(await ws.receiveText()).toBe("hi");
      await ws.sendBytes(new Uint8Array([0, 255]));
      expect([...(await ws.receiveBytes())]).toEqual([0, 255]);
      await ws.sendJson({ a: [1, 2] });
      expect(await ws.receiveJson()).toEqual({ a: [1, 2] });
    }
    expect(seen[0]).toEqual({ type: "websocket.connect" });
    expect(seen.at(-1)).toEqual({ type: "websocket.disconnect", code: 1000, reason: "" });
  });

  it("builds the websocket scope with subprotocols and handshake headers", async () => {
    const scope = deferred<WebSocketScope>();
    const app: ServerApp = async (s, receive, send) => {
      if (s.type === "websocket") scope.resolve(s);
      await echoApp()(s, receive, send);
    };
    const ws = await websocketConnect(app, {
      path: "/chat?room=1",
      subprotocols: ["v1", "v2"],
      headers: { "x-token": "t" },
      scheme: "wss",
    });
    const s = await scope.promise;
    expect(s).toMatchObject({
      type: "websocket",
      scheme: "wss",
      path: "/chat",
      query_string: "room=1",
    });
    expect(s.subprotocols).toEqual(["v1", "v2"]);
    expect(s.headers).toContainEqual(["x-token", "t"]);
    expect(s.headers).toContainEqual(["sec-websocket-protocol", "v1, v2"]);
    expect(ws.accepted.subprotocol).toBe("v2");
    await ws.close();
  });

  it("reports the accept headers", async () => {
    const ws = await websocketConnect(
      async (_scope, receive, send) => {
        await receive();
        await send({ type: "websocket.accept", headers: [["x-session", "s1"]] });
        await receive();
      },
      { path: "/" },
    );
    expect(ws.accepted).toEqual({ subprotocol: null, headers: [["x-session", "s1"]] });
    await ws.close();
  });

  it("passes the client's close code and reason to the app and waits for it", async () => {
    const seen: ReceiveMessage[] = [];
    const ws = await websocketConnect(echoApp(seen), { path: "/" });
    await ws.close(4000, "bye");
    expect(seen.at(-1)).toEqual({ type: "websocket.disconnect", code: 4000, reason: "bye" });
    await expect(ws.sendText("late")).rejects.toBeInstanceOf(WebSocketClosed);
  });

  it("shows the app's close to the client, and its echo to the app", async () => {
    const after = deferred<ReceiveMessage>();
    const ws = await websocketConnect(
      async (_scope, receive, send) => {
        await receive();
        await send({ type: "websocket.accept" });
        await send({ type: "websocket.send", text: "last" });
        await send({ type: "websocket.close", code: 4401, reason: "expired" });
        after.resolve(await receive());
      },
      { path: "/" },
    );
    expect(await ws.receiveText()).toBe("last");
    expect(await ws.receive()).toEqual({ type: "websocket.close", code: 4401, reason: "expired" });
    const closed = await ws.receiveText().catch((e) => e);
    expect(closed).toBeInstanceOf(WebSocketClosed);
    expect(closed.closeCode).toBe(4401);
    expect(await after.promise).toEqual({
      type: "websocket.disconnect",
      code: 4401,
      reason: "expired",
    });
  });

  it("closes 1000 when the app returns and 1011 when it throws", async () => {
    const returns = await websocketConnect(
      async (_s, receive, send) => {
        await receive();
        await send({ type: "websocket.accept" });
      },
      { path: "/" },
    );
    expect(await returns.receive()).toEqual({ type: "websocket.close", code: 1000, reason: "" });
    const logs: Array<{ level: string; message: string; error?: unknown }> = [];
    const boom = new Error("boom");
    const throws = await websocketConnect(
      async (_s, receive, send) => {
        await receive();
        await send({ type: "websocket.accept" });
        await receive();
        throw boom;
      },
      { path: "/", logger: memoryLogger(logs as never) },
    );
    await throws.sendText("trigger");
    expect(await throws.receive()).toEqual({ type: "websocket.close", code: 1011, reason: "" });
    expect(logs[0]?.error).toBe(boom);
  });

  it("rejects with WebSocketRejected (403) when the app closes, returns or throws before accepting", async () => {
    const closes = await websocketConnect(
      async (_s, receive, send) => {
        await receive();
        await send({ type: "websocket.close", code: 4003, reason: "nope" });
      },
      { path: "/" },
    ).catch((e) => e);
    expect(closes).toBeInstanceOf(WebSocketRejected);
    expect(closes).toMatchObject({
      status: 403,
      closeCode: 4003,
      reason: "nope",
      code: "WEBSOCKET_REJECTED",
    });
    const returns = await websocketConnect(async () => {}, { path: "/" }).catch((e) => e);
    expect(returns).toMatchObject({ status: 403, closeCode: null });
    const boom = new Error("boom");
    const throws = await websocketConnect(
      async () => {
        throw boom;
      },
      { path: "/", logger: memoryLogger([]) },
    ).catch((e) => e);
    expect(throws).toBeInstanceOf(WebSocketRejected);
    expect(throws.cause).toBe(boom);
    await expect(
      websocketConnect(
        async () => {
          throw boom;
        },
        { path: "/", raiseAppErrors: true },
      ),
    ).rejects.toBe(boom);
  });

  it("applies the same accept rules as the Node host", async () => {
    const errors: unknown[] = [];
    const result = await websocketConnect(
      async (_s, receive, send) => {
        await receive();
        await send({ type: "websocket.send", text: "early" }).catch((e) => errors.push(e));
        await send({ type: "websocket.accept", subprotocol: "admin" }).catch((e) => errors.push(e));
        await send({ type: "websocket.close", code: 1005 }).catch((e) => errors.push(e));
      },
      { path: "/", subprotocols: ["user"] },
    ).catch((e) => e);
    expect(result).toBeInstanceOf(WebSocketRejected);
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e).toBeInstanceOf(WebSocketProtocolError);
  });

  it("closes with 1009 past maxMessageSize on both sides", async () => {
    const seen: ReceiveMessage[] = [];
    const ws = await websocketConnect(echoApp(seen), { path: "/", maxMessageSize: 4 });
    await ws.sendText("1234");
    expect(await ws.receiveText()).toBe("1234");
    await ws.sendText("12345");
    expect(await ws.receive()).toEqual({ type: "websocket.close", code: 1009, reason: "" });
    await ws.finished;
    expect(seen.at(-1)).toEqual({ type: "websocket.disconnect", code: 1009, reason: "" });
  });

  it("raises ClientDisconnected when the app sends after the client left", async () => {
    const outcome = deferred<unknown>();
    const ws = await websocketConnect(
      async (_s, receive, send) => {
        await receive();
        await send({ type: "websocket.accept" });
        await receive();
        outcome.resolve(await send({ type: "websocket.send", text: "x" }).catch((e) => e));
      },
      { path: "/" },
    );
    await ws.close();
    expect(await outcome.promise).toBeInstanceOf(ClientDisconnected);
  });

  it("holds the client's sends while the app has a backlog", async () => {
    const release = deferred<void>();
    const seen: ReceiveMessage[] = [];
    const ws = await websocketConnect(
      async (_s, receive, send) => {
        await receive();
        await send({ type: "websocket.accept" });
        await release.promise;
        for (let i = 0; i < 200; i++) seen.push(await receive());
      },
      { path: "/" },
    );
    let delivered = 0;
    const sending = (async () => {
      for (let i = 0; i < 200; i++) {
        await ws.sendText(String(i));
        delivered++;
      }
    })();
    await new Promise((r) => setTimeout(r, 20));
    expect(delivered).toBeLessThan(100); // stuck near the inbox's high-water mark
    release.resolve();
    await sending;
    await ws.finished;
    expect(seen.map((m) => (m.type === "websocket.receive" ? m.text : m.type))).toEqual(
      Array.from({ length: 200 }, (_, i) => String(i)),
    );
  });
});
