/**
 * Invalid WebSocket traffic written frame by frame over `node:net`: every protocol error
 * closes that one connection with the right code (1002 protocol, 1007 bad UTF-8, 1009 too
 * big), the app hears the same code as `websocket.disconnect`, nothing is logged as an error,
 * and the server still serves HTTP and new WebSockets.
 */

import {
  closePayload,
  destroyRawWebSockets,
  eventually,
  frame,
  OP,
  RawWebSocket,
  sleep,
} from "@typhoon-tooling/test-support";
import { afterEach, describe, expect, it } from "vitest";
import type { ReceiveMessage, ServerApp } from "../../src/types";
import { expectNoErrorsLogged, expectStillServing, startServer, type TestServer } from "./harness";

afterEach(() => destroyRawWebSockets());

const MAX_MESSAGE = 64 * 1024;

/** Accepts, echoes text, and records what it received; `delayMs` per message reads slowly. */
function echo(seen: ReceiveMessage[], delayMs = 0): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "websocket") return;
    await receive();
    await send({ type: "websocket.accept" });
    for (let i = 0; i < 100_000; i++) {
      const message = await receive();
      seen.push(message);
      if (message.type !== "websocket.receive") return;
      if (delayMs > 0) await sleep(delayMs);
      if (message.text !== undefined) await send({ type: "websocket.send", text: message.text });
    }
  };
}

async function startEcho(seen: ReceiveMessage[], delayMs = 0): Promise<TestServer> {
  return startServer(echo(seen, delayMs), {
    limits: { maxWebSocketMessageSize: MAX_MESSAGE, webSocketPingInterval: 0 },
  });
}

/** After a refused connection: HTTP answers, and a new WebSocket echoes. */
async function expectStillServingWebSockets(server: TestServer): Promise<void> {
  await expectStillServing(server);
  const ws = await RawWebSocket.connect(server.port);
  ws.send(frame({ opcode: OP.text, payload: "still here" }));
  await ws.until(() => ws.texts().includes("still here"));
  ws.socket.destroy();
}

function disconnectCode(seen: ReceiveMessage[]): number | undefined {
  const last = seen.at(-1);
  return last?.type === "websocket.disconnect" ? last.code : undefined;
}

const text = (payload: string | Buffer, fin = true) => frame({ opcode: OP.text, payload, fin });
const continuation = (payload: string | Buffer, fin = true) =>
  frame({ opcode: OP.continuation, payload, fin });

describe("invalid frames close the connection with the protocol's code", () => {
  const cases: Array<[string, Buffer[], number]> = [
    ["an unmasked client frame", [frame({ opcode: OP.text, payload: "hi", masked: false })], 1002],
    ["RSV1 set without an extension", [frame({ opcode: OP.text, payload: "hi", rsv: 4 })], 1002],
    ["a reserved data opcode (0x3)", [frame({ opcode: 0x3, payload: "hi" })], 1002],
    ["a reserved control opcode (0xB)", [frame({ opcode: 0xb })], 1002],
    ["a continuation with no message started", [continuation("orphan")], 1002],
    ["a new text frame inside a fragmented message", [text("a", false), text("b")], 1002],
    ["a fragmented control frame", [frame({ opcode: OP.ping, fin: false })], 1002],
    [
      "a ping with 126 bytes of payload",
      [frame({ opcode: OP.ping, payload: Buffer.alloc(126) })],
      1002,
    ],
    ["text that is not UTF-8", [text(Buffer.from([0x68, 0xc3, 0x28]))], 1007],
    ["a lone surrogate encoded in UTF-8", [text(Buffer.from([0xed, 0xa0, 0x80]))], 1007],
    [
      "fragments that are not UTF-8 together",
      [text(Buffer.from([0xe2, 0x82]), false), continuation(Buffer.from([0x41]))],
      1007,
    ],
    [
      "a close frame with a 1-byte payload",
      [frame({ opcode: OP.close, payload: Buffer.from([3]) })],
      1002,
    ],
    [
      "a close reason that is not UTF-8",
      [frame({ opcode: OP.close, payload: closePayload(1000, Buffer.from([0xff, 0xfe])) })],
      1007,
    ],
    ["one message over maxWebSocketMessageSize", [text(Buffer.alloc(MAX_MESSAGE + 1, 0x61))], 1009],
    [
      "fragments adding up over the limit",
      [
        text(Buffer.alloc(MAX_MESSAGE / 2, 0x61), false),
        continuation(Buffer.alloc(MAX_MESSAGE / 2 + 1, 0x61)),
      ],
      1009,
    ],
  ];

  it.each(cases)("%s → %i", async (_name, frames, code) => {
    const seen: ReceiveMessage[] = [];
    const server = await startEcho(seen);
    const ws = await RawWebSocket.connect(server.port);
    ws.send(...frames);
    expect(await ws.closeCode()).toBe(code);
    await eventually(() => disconnectCode(seen) !== undefined);
    expect(disconnectCode(seen)).toBe(code);
    // Nothing of the bad message reached the app.
    expect(seen.filter((m) => m.type === "websocket.receive")).toEqual([]);
    await expectStillServingWebSockets(server);
    expectNoErrorsLogged(server);
  });

  it("a frame header announcing a huge payload is refused before the payload arrives", async () => {
    const seen: ReceiveMessage[] = [];
    const server = await startEcho(seen);
    const ws = await RawWebSocket.connect(server.port);
    // 2^40 bytes announced, 16 sent: the server must not wait for (or buffer) the rest.
    ws.send(frame({ opcode: OP.binary, payload: Buffer.alloc(16), declaredLength: 2 ** 40 }));
    expect(await ws.closeCode()).toBe(1009);
    await expectStillServingWebSockets(server);
  });

  const badCloseCodes = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2999, 5000, 65535];
  it.each(badCloseCodes)("a close frame with the invalid code %i → 1002", async (code) => {
    const seen: ReceiveMessage[] = [];
    const server = await startEcho(seen);
    const ws = await RawWebSocket.connect(server.port);
    ws.send(frame({ opcode: OP.close, payload: closePayload(code) }));
    expect(await ws.closeCode()).toBe(1002);
    await eventually(() => disconnectCode(seen) !== undefined);
    expect(disconnectCode(seen)).toBe(1002);
    await expectStillServing(server);
  });

  it.each([1000, 1001, 1003, 1007, 1011, 3000, 4999])(
    "a close frame with the valid code %i is echoed and reaches the app",
    async (code) => {
      const seen: ReceiveMessage[] = [];
      const server = await startEcho(seen);
      const ws = await RawWebSocket.connect(server.port);
      ws.send(frame({ opcode: OP.close, payload: closePayload(code, "bye") }));
      expect(await ws.closeCode()).toBe(code);
      await eventually(() => disconnectCode(seen) !== undefined);
      expect(seen.at(-1)).toEqual({ type: "websocket.disconnect", code, reason: "bye" });
    },
  );
});

describe("valid but unusual traffic", () => {
  it("a message in many fragments (a character split across them) arrives as one", async () => {
    const seen: ReceiveMessage[] = [];
    const server = await startEcho(seen);
    const ws = await RawWebSocket.connect(server.port);
    const bytes = Buffer.from("héllo wörld ✓");
    const pieces = Array.from({ length: bytes.length }, (_, i) =>
      i === 0
        ? text(bytes.subarray(0, 1), false)
        : continuation(bytes.subarray(i, i + 1), i === bytes.length - 1),
    );
    // A ping in the middle of a fragmented message is allowed.
    pieces.splice(3, 0, frame({ opcode: OP.ping, payload: "p" }));
    ws.send(...pieces);
    await ws.until(() => ws.texts().length === 1);
    expect(ws.texts()).toEqual(["héllo wörld ✓"]);
    expect(ws.frames.some((f) => f.opcode === OP.pong && f.payload.toString() === "p")).toBe(true);
    ws.socket.destroy();
  });

  it("a flood of 2000 messages to a slow app: all delivered in order, the server stays responsive", async () => {
    const seen: ReceiveMessage[] = [];
    const server = await startEcho(seen, 0);
    const ws = await RawWebSocket.connect(server.port);
    const frames = Array.from({ length: 2000 }, (_, i) => text(`m${i}`));
    ws.send(...frames);
    await expectStillServing(server); // while the flood is being processed
    await ws.until(() => ws.texts().length === 2000, 10_000);
    expect(ws.texts()).toEqual(frames.map((_, i) => `m${i}`));
    ws.socket.destroy();
  });

  it("a ping flood: pongs up to a bound, then the connection is dropped (1006), never queued without end", async () => {
    const seen: ReceiveMessage[] = [];
    const server = await startEcho(seen);
    const ws = await RawWebSocket.connect(server.port);
    ws.send(
      ...Array.from({ length: 500 }, (_, i) => frame({ opcode: OP.ping, payload: String(i) })),
    );
    await ws.closed;
    // `ws` keeps at most 60 unflushed auto-pongs per socket; past that it terminates.
    const pongs = ws.frames.filter((f) => f.opcode === OP.pong).length;
    expect(pongs).toBeGreaterThan(0);
    expect(pongs).toBeLessThan(500);
    await eventually(() => disconnectCode(seen) !== undefined);
    expect(disconnectCode(seen)).toBe(1006);
    expect(seen.filter((m) => m.type === "websocket.receive")).toEqual([]);
    await expectStillServingWebSockets(server);
  });

  it("pings sent one at a time are all answered", async () => {
    const seen: ReceiveMessage[] = [];
    const server = await startEcho(seen);
    const ws = await RawWebSocket.connect(server.port);
    for (let i = 0; i < 100; i++) {
      ws.send(frame({ opcode: OP.ping, payload: String(i) }));
      await ws.until(() => ws.frames.filter((f) => f.opcode === OP.pong).length === i + 1);
    }
    expect(ws.isOpen).toBe(true);
    ws.socket.destroy();
  });

  it("a client that vanishes mid-frame: the app hears 1006, the server carries on", async () => {
    const seen: ReceiveMessage[] = [];
    const server = await startEcho(seen);
    const ws = await RawWebSocket.connect(server.port);
    ws.send(frame({ opcode: OP.text, payload: "x".repeat(100) }).subarray(0, 20));
    await sleep(20);
    ws.socket.destroy();
    await eventually(() => disconnectCode(seen) !== undefined);
    expect(disconnectCode(seen)).toBe(1006);
    await expectStillServingWebSockets(server);
    expectNoErrorsLogged(server);
  });
});
