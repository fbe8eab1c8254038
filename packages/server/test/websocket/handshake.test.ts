import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerApp } from "../../src/types";
import { WebSocketProtocolError } from "../../src/websocket/errors";
import { connect, deferred, startServer, type TestServer } from "./harness";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function refusal(url: string, protocols: string[] = []): Promise<number | undefined> {
  try {
    const ws = await connect(url, protocols);
    ws.terminate();
    return undefined;
  } catch (error) {
    return (error as { status?: number }).status;
  }
}

describe("WebSocket handshake", () => {
  it("negotiates the subprotocol the app picks from the client's offer", async () => {
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept", subprotocol: scope.subprotocols[1] ?? null });
      await receive();
    });
    const ws = await connect(server.url, ["v1.chat", "v2.chat"]);
    expect(ws.protocol).toBe("v2.chat");
    ws.close();
  });

  it("sends no subprotocol header when the app accepts without one", async () => {
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept" });
      await receive();
    });
    const plain = await connect(server.url);
    expect(plain.protocol).toBe("");
    plain.close();
    // The `ws` client refuses a server that ignores its offer, which proves no header was sent
    // (without our handleProtocols, `ws` would have picked the first offer by itself).
    await expect(connect(server.url, ["v1.chat"])).rejects.toThrow(/no subprotocol/);
  });

  it("adds the app's extra headers to the 101 response", async () => {
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({
        type: "websocket.accept",
        headers: [
          ["x-session", "s-1"],
          ["set-cookie", "a=1"],
          ["set-cookie", "b=2"],
        ],
      });
      await receive();
    });
    const upgradeHeaders = deferred<http.IncomingHttpHeaders>();
    const ws = await new Promise<import("ws").WebSocket>((resolve, reject) => {
      import("ws").then(({ default: WebSocket }) => {
        const client = new WebSocket(server!.url);
        client.once("upgrade", (res) => upgradeHeaders.resolve(res.headers));
        client.once("open", () => resolve(client));
        client.once("error", reject);
      });
    });
    const headers = await upgradeHeaders.promise;
    expect(headers["x-session"]).toBe("s-1");
    expect(headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    ws.close();
  });

  it("answers 403 when the app closes before accepting", async () => {
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.close", code: 4003 });
    });
    expect(await refusal(server.url)).toBe(403);
  });

  it("answers 403 when the app returns without accepting", async () => {
    server = await startServer(async () => {});
    expect(await refusal(server.url)).toBe(403);
    expect(server.logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("answers 403 and logs the error when the app throws before accepting", async () => {
    const boom = new Error("no entry");
    server = await startServer(async () => {
      throw boom;
    });
    expect(await refusal(server.url)).toBe(403);
    expect(server.logs.find((l) => l.level === "error")?.error).toBe(boom);
  });

  it("refuses to accept with a subprotocol the client did not offer", async () => {
    const failure = deferred<unknown>();
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      try {
        await send({ type: "websocket.accept", subprotocol: "admin" });
      } catch (error) {
        failure.resolve(error);
        throw error;
      }
    });
    expect(await refusal(server.url, ["user"])).toBe(403);
    expect(await failure.promise).toBeInstanceOf(WebSocketProtocolError);
  });

  it("refuses accept headers with CR/LF or handshake names", async () => {
    const errors: unknown[] = [];
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      const bad: Array<[string, string]> = [
        ["x-evil", "a\r\nInjected: yes"],
        ["bad name", "v"],
        ["sec-websocket-protocol", "x"],
      ];
      for (const header of bad) {
        await send({ type: "websocket.accept", headers: [header] }).catch((e) => errors.push(e));
      }
    };
    server = await startServer(app);
    expect(await refusal(server.url)).toBe(403);
    expect(errors).toHaveLength(3);
    for (const e of errors) expect(e).toBeInstanceOf(WebSocketProtocolError);
  });

  it("refuses send before accept", async () => {
    const failure = deferred<unknown>();
    server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.send", text: "early" }).catch((e) => failure.resolve(e));
    });
    expect(await refusal(server.url)).toBe(403);
    expect(await failure.promise).toBeInstanceOf(WebSocketProtocolError);
  });

  it("lets ws answer a malformed handshake with 400 without calling the app", async () => {
    let called = false;
    server = await startServer(async () => {
      called = true;
    });
    const port = Number(new URL(server.url).port);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1",
        port,
        headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(400);
    expect(called).toBe(false);
  });

  it("gives the app websocket.disconnect 1006 if the client leaves before the decision", async () => {
    const seen = deferred<unknown>();
    const started = deferred<void>();
    server = await startServer(async (scope, receive) => {
      if (scope.type !== "websocket") return;
      await receive();
      started.resolve();
      seen.resolve(await receive());
    });
    const { default: WebSocket } = await import("ws");
    const ws = new WebSocket(server.url);
    ws.on("error", () => {});
    await started.promise;
    ws.terminate();
    expect(await seen.promise).toEqual({ type: "websocket.disconnect", code: 1006 });
  });
});
