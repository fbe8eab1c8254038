/**
 * Bad WebSocket traffic against Typhoon routes (frames written by hand where the `ws` client
 * would refuse): oversized and fragmented messages, invalid frames and close codes, invalid
 * JSON, floods, refused handshakes. The route's own cleanup runs, the connection closes with
 * the protocol's code, and the app keeps serving.
 */

import {
  closePayload,
  destroyRawWebSockets,
  frame,
  OP,
  RawWebSocket,
} from "@typhoon-tooling/test-support";
import { afterEach, describe, expect, it } from "vitest";
import WS from "ws";
import { eventually, expectStillServing, type Served, sendRaw, startApp } from "./harness";

afterEach(() => destroyRawWebSockets());

const LIMITS = { limits: { maxWebSocketMessageSize: 64 * 1024, webSocketPingInterval: 0 } };

const text = (payload: string | Buffer, fin = true) => frame({ opcode: OP.text, payload, fin });
const more = (payload: string | Buffer, fin = true) =>
  frame({ opcode: OP.continuation, payload, fin });

/** The route's `finally` ran once per closed echo connection. */
async function expectEchoCleanedUp(served: Served, times = 1): Promise<void> {
  await eventually(() => served.events.filter((e) => e === "ws echo closed").length === times);
}

describe("invalid traffic on an open route", () => {
  const cases: Array<[string, Buffer[], number]> = [
    ["a message over maxWebSocketMessageSize", [text(Buffer.alloc(64 * 1024 + 1, 0x61))], 1009],
    [
      "fragments over the limit together",
      [text(Buffer.alloc(40_000, 0x61), false), more(Buffer.alloc(40_000, 0x61))],
      1009,
    ],
    ["an unmasked frame", [frame({ opcode: OP.text, payload: "x", masked: false })], 1002],
    ["a reserved opcode", [frame({ opcode: 0x5, payload: "x" })], 1002],
    ["a continuation out of nowhere", [more("x")], 1002],
    ["text that is not UTF-8", [text(Buffer.from([0xc3, 0x28]))], 1007],
    [
      "a close code 1005 sent on the wire",
      [frame({ opcode: OP.close, payload: closePayload(1005) })],
      1002,
    ],
    ["a close code 999", [frame({ opcode: OP.close, payload: closePayload(999) })], 1002],
  ];

  it.each(cases)("%s → close %i, the route's cleanup runs", async (_name, frames, code) => {
    const served = await startApp(LIMITS);
    const ws = await RawWebSocket.connect(served.port, "/ws/echo");
    ws.send(text("first"));
    await ws.until(() => ws.texts().includes("first"));
    ws.send(...frames);
    expect(await ws.closeCode()).toBe(code);
    await expectEchoCleanedUp(served);
    await expectStillServing(served);
    expect(served.logs.filter((line) => line.level === "error")).toEqual([]);
  });

  it("a message in 100 fragments with pings between them arrives whole", async () => {
    const served = await startApp(LIMITS);
    const ws = await RawWebSocket.connect(served.port, "/ws/echo");
    const message = "fragmented ✓ ".repeat(40);
    const bytes = Buffer.from(message);
    const size = Math.ceil(bytes.length / 100);
    const frames: Buffer[] = [];
    for (let i = 0; i < 100; i++) {
      const piece = bytes.subarray(i * size, (i + 1) * size);
      frames.push(i === 0 ? text(piece, false) : more(piece, i === 99));
      if (i % 10 === 5) frames.push(frame({ opcode: OP.ping, payload: String(i) }));
    }
    ws.send(...frames);
    await ws.until(() => ws.texts().length === 1);
    expect(ws.texts()).toEqual([message]);
    ws.socket.destroy();
    await expectEchoCleanedUp(served);
  });

  it("a flood of 3 000 messages is echoed completely and in order", async () => {
    const served = await startApp(LIMITS);
    const ws = await RawWebSocket.connect(served.port, "/ws/echo");
    ws.send(...Array.from({ length: 3000 }, (_, i) => text(`m${i}`)));
    await expectStillServing(served); // HTTP is served while the flood is processed
    await ws.until(() => ws.texts().length === 3000, 15_000);
    expect(ws.texts()).toEqual(Array.from({ length: 3000 }, (_, i) => `m${i}`));
    ws.socket.destroy();
  });

  it("invalid JSON for receiveJson: the route fails, the socket closes 1011, the server is fine", async () => {
    const served = await startApp(LIMITS);
    const ws = await RawWebSocket.connect(served.port, "/ws/json");
    ws.send(text('{"n": 1}'));
    await ws.until(() => ws.texts().length === 1);
    expect(JSON.parse(ws.texts()[0]!)).toEqual({ n: 1 });
    ws.send(text('{"n": '));
    expect(await ws.closeCode()).toBe(1011);
    await expectStillServing(served);
  });

  it("deeply nested JSON over a WebSocket is parsed without a stack overflow", async () => {
    const served = await startApp(LIMITS);
    const ws = await RawWebSocket.connect(served.port, "/ws/json");
    ws.send(text(`{"n": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`));
    // Parsing is iterative; echoing `n` back may overflow JSON.stringify, which ends the route
    // with an error (1011) — never the process.
    const code = await ws.closeCode();
    expect([1000, 1011]).toContain(code);
    await expectStillServing(served);
  });
});

describe("handshakes that are refused", () => {
  function handshake(served: Served, path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WS(`ws://127.0.0.1:${served.port}${path}`);
      ws.on("unexpected-response", (_request, response) => {
        resolve(response.statusCode ?? 0);
        ws.terminate();
      });
      ws.on("open", () => {
        ws.terminate();
        reject(new Error(`${path} was accepted`));
      });
      ws.on("error", () => {});
    });
  }

  it("invalid query parameters or an unknown path → 403 before the app accepts", async () => {
    const served = await startApp(LIMITS);
    expect(await handshake(served, "/ws/count?limit=abc")).toBe(403);
    expect(await handshake(served, "/ws/count?limit=1000")).toBe(403);
    expect(await handshake(served, "/ws/count")).toBe(403);
    expect(await handshake(served, "/ws/nowhere")).toBe(403);
    await expectStillServing(served);
  });

  it("a handshake with a broken key or version is answered 400 by the server", async () => {
    const served = await startApp(LIMITS);
    const [answer] = await sendRaw(
      served.port,
      "GET /ws/echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: nope\r\nSec-WebSocket-Version: 99\r\n\r\n",
    );
    expect(answer?.status).toBe(400);
    expect(served.events).toEqual([]);
  });

  it("200 connections opened and dropped at once: every route cleanup runs", async () => {
    const served = await startApp(LIMITS);
    const sockets = await Promise.all(
      Array.from({ length: 200 }, () => RawWebSocket.connect(served.port, "/ws/echo")),
    );
    for (const ws of sockets) ws.socket.destroy();
    await expectEchoCleanedUp(served, 200);
    await expectStillServing(served);
  });
});
