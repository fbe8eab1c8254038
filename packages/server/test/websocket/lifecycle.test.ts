import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { ReceiveMessage, ServerApp } from "../../src/types";
import { closed, connect, deferred, inbox, startServer, type TestServer } from "./harness";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Accepts, reports every message after connect, and ends at the disconnect. */
function recordingApp(seen: ReceiveMessage[], done?: () => void): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "websocket") return;
    await receive();
    await send({ type: "websocket.accept" });
    for (let message = await receive(); ; message = await receive()) {
      seen.push(message);
      if (message.type === "websocket.disconnect") break;
    }
    done?.();
  };
}

describe("WebSocket close codes and reasons", () => {
  it("passes the client's close code and reason to the app", async () => {
    const seen: ReceiveMessage[] = [];
    const done = deferred<void>();
    server = await startServer(recordingApp(seen, () => done.resolve()));
    const ws = await connect(server.url);
    ws.close(4002, "bye now");
    await done.promise;
    expect(seen).toEqual([{ type: "websocket.disconnect", code: 4002, reason: "bye now" }]);
  });

  it("reports 1005 when the client closes without a code", async () => {
    const seen: ReceiveMessage[] = [];
    const done = deferred<void>();
    server = await startServer(recordingApp(seen, () => done.resolve()));
    const ws = await connect(server.url);
    ws.close();
    await done.promise;
    expect(seen).toEqual([{ type: "websocket.disconnect", code: 1005, reason: "" }]);
  });

  it("reports 1006 when the client drops the connection", async () => {
    const seen: ReceiveMessage[] = [];
    const done = deferred<void>();
    server = await startServer(recordingApp(seen, () => done.resolve()));
    const ws = await connect(server.url);
    ws.terminate();
    await done.promise;
    expect(seen).toEqual([{ type: "websocket.disconnect", code: 1006, reason: "" }]);
  });

  it("sends the app's close code and reason, then gives the app the peer's echo", async () => {
    const after = deferred<ReceiveMessage>();
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept" });
      await send({ type: "websocket.close", code: 4401, reason: "token expired" });
      after.resolve(await receive());
    });
    const ws = await connect(server.url);
    expect(await closed(ws)).toEqual({ code: 4401, reason: "token expired" });
    expect(await after.promise).toEqual({
      type: "websocket.disconnect",
      code: 4401,
      reason: "token expired",
    });
  });

  it("closes with 1000 when the app returns after accepting", async () => {
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept" });
      await send({ type: "websocket.send", text: "last words" });
    });
    const ws = await connect(server.url);
    const messages = inbox(ws);
    const end = closed(ws);
    expect((await messages.next()).data.toString()).toBe("last words");
    expect((await end).code).toBe(1000);
  });

  it("closes with 1011 and logs the error when the app throws after accepting", async () => {
    const boom = new Error("handler exploded");
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept" });
      await receive();
      throw boom;
    });
    const ws = await connect(server.url);
    const end = closed(ws);
    ws.send("trigger");
    expect((await end).code).toBe(1011);
    expect(server.logs.find((l) => l.level === "error")?.error).toBe(boom);
  });

  it("closes an oversized message with 1009 on both sides", async () => {
    const seen: ReceiveMessage[] = [];
    const done = deferred<void>();
    server = await startServer(
      recordingApp(seen, () => done.resolve()),
      { maxMessageSize: 1024 },
    );
    const ws = await connect(server.url);
    const end = closed(ws);
    ws.send("small");
    ws.send(Buffer.alloc(4096, 1));
    expect((await end).code).toBe(1009);
    await done.promise;
    expect(seen[0]).toEqual({ type: "websocket.receive", text: "small" });
    expect(seen.at(-1)).toMatchObject({ type: "websocket.disconnect", code: 1009 });
  });
});

describe("WebSocket keepalive", () => {
  it("drops a peer that does not answer pings and tells the app 1006", async () => {
    const seen: ReceiveMessage[] = [];
    const done = deferred<void>();
    server = await startServer(
      recordingApp(seen, () => done.resolve()),
      { pingInterval: 20 },
    );
    const ws = await connect(server.url, [], { autoPong: false });
    const end = closed(ws);
    await done.promise;
    expect(seen).toEqual([{ type: "websocket.disconnect", code: 1006, reason: "" }]);
    expect((await end).code).toBe(1006);
  });

  it("keeps a peer that answers pings", async () => {
    server = await startServer(recordingApp([]), { pingInterval: 20 });
    const ws = await connect(server.url);
    let pings = 0;
    const enough = deferred<void>();
    ws.on("ping", () => {
      if (++pings === 5) enough.resolve();
    });
    await enough.promise; // five intervals: a missed pong would have dropped it after two
    expect(ws.readyState).toBe(ws.OPEN);
    ws.close();
  });
});

describe("WebSocket host shutdown", () => {
  it("closes open sockets with 1001, waits for the app, then refuses new upgrades", async () => {
    const seen: ReceiveMessage[] = [];
    server = await startServer(recordingApp(seen));
    const a = await connect(server.url);
    const b = await connect(server.url);
    const ends = Promise.all([closed(a), closed(b)]);
    await server.host.shutdown(2000);
    expect(await ends).toEqual([
      { code: 1001, reason: "server shutting down" },
      { code: 1001, reason: "server shutting down" },
    ]);
    expect(seen).toEqual([
      { type: "websocket.disconnect", code: 1001, reason: "server shutting down" },
      { type: "websocket.disconnect", code: 1001, reason: "server shutting down" },
    ]);
    expect(server.host.size).toBe(0);
    await expect(connect(server.url)).rejects.toMatchObject({ status: 503 });
  });

  it("refuses a handshake still being decided with 503 and tells its app 1001", async () => {
    const started = deferred<void>();
    const seen = deferred<ReceiveMessage>();
    server = await startServer(async (scope, receive) => {
      if (scope.type !== "websocket") return;
      await receive();
      started.resolve();
      seen.resolve(await receive()); // never decides: waits for what comes next
    });
    const refused = connect(server.url).catch((error) => error);
    await started.promise;
    await server.host.shutdown(2000);
    expect(await refused).toMatchObject({ status: 503 });
    expect(await seen.promise).toEqual({ type: "websocket.disconnect", code: 1001 });
    expect(server.host.size).toBe(0);
  });

  it("drops connections whose app ignores the close after the timeout", async () => {
    const release = deferred<void>();
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept" });
      await release.promise; // never reads: ignores the shutdown
    });
    // A client that never answers the close frame keeps the socket open past the deadline.
    const ws = await connect(server.url);
    ws.pause();
    await server.host.shutdown(100);
    expect(server.logs.some((l) => l.level === "warn" && /still open/.test(l.message))).toBe(true);
    release.resolve();
    ws.terminate();
  });
});

describe("WebSocket handshake on a raw socket", () => {
  it("keeps frames a client sent before the 101 and delivers them after accept", async () => {
    const first = deferred<ReceiveMessage>();
    const started = deferred<void>();
    const decide = deferred<void>();
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      started.resolve();
      await decide.promise;
      await send({ type: "websocket.accept" });
      first.resolve(await receive());
    });
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    const payload = Buffer.from("eager");
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = payload.map((byte, i) => byte ^ (mask[i % 4] as number));
    socket.write(
      "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    await started.promise; // the app is deciding: these bytes are not part of the upgrade's head
    socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
    await new Promise((r) => setTimeout(r, 50)); // let the early frame reach the server first
    decide.resolve();
    expect(await first.promise).toEqual({ type: "websocket.receive", text: "eager" });
    socket.destroy();
  });
});
