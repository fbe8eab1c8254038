/**
 * The WebSocket half of the protocol suite: the same cases, run against every host adapter.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ReceiveMessage, ServerApp } from "../../src/types";
import { deferred, type HostAdapter, type RunningHost, type StartOptions } from "./adapter";

/** Accepts (picking `pick(offered)`), echoes frames with their kind, reports the end. */
function echoApp(
  onEnd?: (last: ReceiveMessage) => void,
  pick: (offered: string[]) => string | null = () => null,
): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "websocket") return;
    await receive();
    await send({ type: "websocket.accept", subprotocol: pick(scope.subprotocols) });
    for (;;) {
      const message = await receive();
      if (message.type !== "websocket.receive") {
        onEnd?.(message);
        return;
      }
      if (message.text !== undefined) await send({ type: "websocket.send", text: message.text });
      else if (message.bytes !== undefined)
        await send({ type: "websocket.send", bytes: message.bytes });
    }
  };
}

export function websocketCases(adapter: HostAdapter): void {
  describe(`${adapter.name}: WebSocket protocol`, () => {
    let running: RunningHost | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });
    async function start(app: ServerApp, options?: StartOptions) {
      running = await adapter.start(app, options);
      return running;
    }

    it("echoes text as text and bytes as bytes", async () => {
      const host = await start(echoApp());
      const ws = await host.websocket("/echo");
      await ws.send("héllo");
      expect(await ws.receive()).toEqual({ kind: "text", text: "héllo" });
      await ws.send(new Uint8Array([0, 1, 255]));
      const reply = await ws.receive();
      expect(reply.kind).toBe("bytes");
      expect(reply.kind === "bytes" && [...reply.bytes]).toEqual([0, 1, 255]);
      await ws.close();
    });

    it("gives the app the client's close code and reason", async () => {
      const end = deferred<ReceiveMessage>();
      const host = await start(echoApp((m) => end.resolve(m)));
      const ws = await host.websocket("/");
      await ws.close(4001, "client leaving");
      expect(await end.promise).toEqual({
        type: "websocket.disconnect",
        code: 4001,
        reason: "client leaving",
      });
    });

    it("gives the client the app's close code and reason", async () => {
      const host = await start(async (scope, receive, send) => {
        if (scope.type !== "websocket") return;
        await receive();
        await send({ type: "websocket.accept" });
        await send({ type: "websocket.close", code: 4002, reason: "server says bye" });
      });
      const ws = await host.websocket("/");
      expect(await ws.receive()).toEqual({ kind: "close", code: 4002, reason: "server says bye" });
    });

    it("closes with 1011 when the app throws after accepting", async () => {
      const host = await start(async (scope, receive, send) => {
        if (scope.type !== "websocket") return;
        await receive();
        await send({ type: "websocket.accept" });
        throw new Error("boom");
      });
      const ws = await host.websocket("/");
      expect(await ws.receive()).toMatchObject({ kind: "close", code: 1011 });
    });

    it("refuses the handshake with 403 when the app closes before accepting", async () => {
      const host = await start(async (scope, receive, send) => {
        if (scope.type !== "websocket") return;
        await receive();
        await send({ type: "websocket.close", code: 4003 });
      });
      await expect(host.websocket("/")).rejects.toMatchObject({ status: 403 });
    });

    it("refuses the handshake with 403 when the app returns without accepting", async () => {
      const host = await start(async () => {});
      await expect(host.websocket("/")).rejects.toMatchObject({ status: 403 });
    });

    it("negotiates the subprotocol the app picks from the client's offer", async () => {
      const host = await start(
        echoApp(undefined, (offered) => offered.find((p) => p.startsWith("v2")) ?? null),
      );
      const ws = await host.websocket("/", { subprotocols: ["v1.chat", "v2.chat"] });
      expect(ws.subprotocol).toBe("v2.chat");
      await ws.close();
    });

    it("closes an oversized message with 1009 on both sides", async () => {
      const end = deferred<ReceiveMessage>();
      const host = await start(
        echoApp((m) => end.resolve(m)),
        { maxMessageSize: 1024 },
      );
      const ws = await host.websocket("/");
      await ws.send(new Uint8Array(1024));
      expect((await ws.receive()).kind).toBe("bytes"); // exactly the limit is fine
      await ws.send(new Uint8Array(1025));
      expect(await ws.receive()).toMatchObject({ kind: "close", code: 1009 });
      expect(await end.promise).toMatchObject({ type: "websocket.disconnect", code: 1009 });
    });
  });
}
