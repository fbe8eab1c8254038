import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { ReceiveMessage, ServerApp, WebSocketScope } from "../../src/types";
import { ClientDisconnected } from "../../src/websocket/errors";
import { closed, connect, deferred, inbox, startServer, type TestServer } from "./harness";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Accepts, then echoes every frame with its kind until the peer leaves. */
function echoApp(seen?: ReceiveMessage[]): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "websocket") return;
    await receive();
    await send({ type: "websocket.accept" });
    for (;;) {
      const message = await receive();
      seen?.push(message);
      if (message.type !== "websocket.receive") return;
      if (message.text !== undefined) await send({ type: "websocket.send", text: message.text });
      else if (message.bytes !== undefined)
        await send({ type: "websocket.send", bytes: message.bytes });
    }
  };
}

describe("WebSocket frames over a real socket", () => {
  it("echoes text frames as text", async () => {
    server = await startServer(echoApp());
    const ws = await connect(server.url);
    const messages = inbox(ws);
    ws.send("héllo");
    const reply = await messages.next();
    expect(reply.isBinary).toBe(false);
    expect(reply.data.toString()).toBe("héllo");
    ws.close();
  });

  it("echoes binary frames as bytes, unchanged", async () => {
    server = await startServer(echoApp());
    const ws = await connect(server.url);
    const messages = inbox(ws);
    const payload = Buffer.from([0, 1, 2, 254, 255]);
    ws.send(payload);
    const reply = await messages.next();
    expect(reply.isBinary).toBe(true);
    expect(Buffer.compare(reply.data, payload)).toBe(0);
    ws.close();
  });

  it("first yields websocket.connect and gives the app a websocket scope", async () => {
    const scope = deferred<WebSocketScope>();
    const first = deferred<ReceiveMessage>();
    server = await startServer(
      async (s, receive, send) => {
        if (s.type !== "websocket") return;
        scope.resolve(s);
        first.resolve(await receive());
        await send({ type: "websocket.close" });
      },
      { rootPath: "/api", state: { db: "pool" } },
    );
    await connect(`${server.url}/chat/r%C3%A9sum%C3%A9?x=1&x=2`, ["one", "two"], {
      headers: { "x-token": "abc" },
    }).catch(() => undefined);
    const s = await scope.promise;
    expect(await first.promise).toEqual({ type: "websocket.connect" });
    expect(s.type).toBe("websocket");
    expect(s.scheme).toBe("ws");
    expect(s.path).toBe("/chat/résumé");
    expect(s.raw_path).toBe("/chat/r%C3%A9sum%C3%A9");
    expect(s.query_string).toBe("x=1&x=2");
    expect(s.root_path).toBe("/api");
    expect(s.subprotocols).toEqual(["one", "two"]);
    expect(s.state).toEqual({ db: "pool" });
    expect(s.headers).toContainEqual(["x-token", "abc"]);
    expect(s.client?.[0]).toBe("127.0.0.1");
  });

  it("keeps frame order and delivers a flood the app reads slowly", async () => {
    const seen: ReceiveMessage[] = [];
    const done = deferred<void>();
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept" });
      // Read slower than the client writes so the inbox passes its high-water mark.
      for (let i = 0; i < 500; i++) {
        const message = await receive();
        seen.push(message);
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      await send({ type: "websocket.send", text: "done" });
      done.resolve();
    });
    const ws = await connect(server.url);
    const messages = inbox(ws);
    for (let i = 0; i < 500; i++) ws.send(`m${i}`);
    expect((await messages.next()).data.toString()).toBe("done");
    await done.promise;
    expect(seen.map((m) => (m.type === "websocket.receive" ? m.text : m.type))).toEqual(
      Array.from({ length: 500 }, (_, i) => `m${i}`),
    );
    ws.close();
  });

  it("resolves send() only after a paused peer drains the frame", async () => {
    const sent = deferred<void>();
    let resolved = false;
    const big = new Uint8Array(32 * 1024 * 1024);
    server = await startServer(
      async (scope, receive, send) => {
        if (scope.type !== "websocket") return;
        await receive();
        await send({ type: "websocket.accept" });
        await send({ type: "websocket.send", bytes: big });
        resolved = true;
        sent.resolve();
        await receive();
      },
      { maxMessageSize: 1024 },
    );
    const ws = await connect(server.url);
    ws.pause(); // stop reading: the frame cannot leave the server's socket buffer
    const messages = inbox(ws);
    await new Promise((r) => setTimeout(r, 200));
    expect(resolved).toBe(false);
    ws.resume();
    expect((await messages.next()).data.length).toBe(big.length);
    await sent.promise;
    expect(resolved).toBe(true);
    ws.close();
  });

  it("raises ClientDisconnected when the app sends after the peer left", async () => {
    const outcome = deferred<unknown>();
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept" });
      expect((await receive()).type).toBe("websocket.disconnect");
      try {
        await send({ type: "websocket.send", text: "anyone?" });
        outcome.resolve("sent");
      } catch (error) {
        outcome.resolve(error);
      }
    });
    const ws = await connect(server.url);
    ws.close(1000);
    const error = await outcome.promise;
    expect(error).toBeInstanceOf(ClientDisconnected);
    expect((error as ClientDisconnected).code).toBe("CLIENT_DISCONNECTED");
  });

  it("removes finished connections from the host's count", async () => {
    server = await startServer(echoApp());
    const ws = await connect(server.url);
    expect(server.host.size).toBe(1);
    const gone = closed(ws);
    ws.close();
    await gone;
    await expect.poll(() => server?.host.size).toBe(0);
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });
});
