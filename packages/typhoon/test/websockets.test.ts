import { WebSocketRejected, websocketConnect } from "@typhoon/server";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WS from "ws";
import {
  Depends,
  dependency,
  HTTPException,
  Path,
  Query,
  Request,
  serve,
  Typhoon,
  WebSocket,
  WebSocketDisconnect,
  WebSocketException,
} from "../src/index";
import { TestClient } from "../src/testing/index";

const quiet = { info() {}, warn() {}, error() {} };

function makeApp(log: string[] = []) {
  const app = new Typhoon({ logger: quiet });
  const auth = dependency({ token: Query(v.optional(v.string())) }, ({ token }) => {
    if (token !== "secret") throw new WebSocketException(1008, "bad token");
    return { user: "ann" };
  });
  app.websocket(
    "/ws/{room}",
    {
      params: {
        room: Path(v.string()),
        ws: WebSocket,
        who: Depends(auth),
        times: Query(v.optional(v.pipe(v.number(), v.integer()), 1)),
      },
    },
    async ({ room, ws, who, times }) => {
      await ws.accept();
      await ws.sendJson({ room, user: who.user });
      try {
        for await (const message of ws) {
          for (let i = 0; i < times; i++) await ws.sendText(`echo:${String(message)}`);
          if (message === "bye") return ws.close(4000, "see you");
        }
      } finally {
        log.push("cleanup");
      }
    },
  );
  app.websocket("/ws-error", { params: { ws: WebSocket } }, async ({ ws }) => {
    await ws.accept();
    await ws.receiveText();
    throw new Error("boom");
  });
  app.websocket("/ws-http-error", { params: { ws: WebSocket } }, async () => {
    throw new HTTPException(403, "nope");
  });
  app.websocket("/ws-disconnect", { params: { ws: WebSocket } }, async ({ ws }) => {
    await ws.accept();
    try {
      await ws.receiveText();
    } catch (error) {
      log.push(error instanceof WebSocketDisconnect ? `disconnect ${error.code}` : "other");
    }
  });
  app.get("/ws/{room}", () => "http route with the same path");
  return app;
}

describe("WebSockets in process", () => {
  it("accepts, injects params and dependencies, echoes, and closes with a code", async () => {
    const log: string[] = [];
    const ws = await websocketConnect(makeApp(log).serverApp, {
      path: "/ws/lobby?token=secret&times=2",
    });
    expect(await ws.receiveJson()).toEqual({ room: "lobby", user: "ann" });
    await ws.sendText("hi");
    expect(await ws.receiveText()).toBe("echo:hi");
    expect(await ws.receiveText()).toBe("echo:hi");
    await ws.sendText("bye");
    await ws.receiveText();
    await ws.receiveText();
    const closed = await ws.receive();
    expect(closed).toMatchObject({ type: "websocket.close", code: 4000, reason: "see you" });
    await ws.finished;
    expect(log).toEqual(["cleanup"]);
  });

  it("closes with 1008 before accepting when auth fails", async () => {
    const attempt = websocketConnect(makeApp().serverApp, { path: "/ws/lobby?token=wrong" });
    await expect(attempt).rejects.toBeInstanceOf(WebSocketRejected);
    await expect(attempt).rejects.toMatchObject({ closeCode: 1008 });
  });

  it("closes with 1008 when params are invalid", async () => {
    await expect(
      websocketConnect(makeApp().serverApp, { path: "/ws/lobby?token=secret&times=x" }),
    ).rejects.toMatchObject({ closeCode: 1008 });
  });

  it("refuses unknown WebSocket paths", async () => {
    await expect(
      websocketConnect(makeApp().serverApp, { path: "/nowhere" }),
    ).rejects.toBeInstanceOf(WebSocketRejected);
  });

  it("closes with 1011 when the handler fails after accepting", async () => {
    const ws = await websocketConnect(makeApp().serverApp, { path: "/ws-error" });
    await ws.sendText("x");
    expect(await ws.receive()).toMatchObject({ type: "websocket.close", code: 1011 });
  });

  it("maps an HTTPException before accept to a 1008 refusal", async () => {
    await expect(
      websocketConnect(makeApp().serverApp, { path: "/ws-http-error" }),
    ).rejects.toMatchObject({ closeCode: 1008 });
  });

  it("raises WebSocketDisconnect in the handler when the client leaves", async () => {
    const log: string[] = [];
    const ws = await websocketConnect(makeApp(log).serverApp, { path: "/ws-disconnect" });
    await ws.close(1001);
    await ws.finished;
    expect(log).toEqual(["disconnect 1001"]);
  });
});

describe("WebSockets over a real socket", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(makeApp(), { host: "127.0.0.1", port: 0, logLevel: "silent" });
  });
  afterAll(() => server.close());

  it("echoes through ws and keeps plain HTTP working on the same path", async () => {
    const url = `${server.url.replace("http", "ws")}/ws/main?token=secret`;
    const client = new WS(url);
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on("message", (data) => {
        messages.push(String(data));
        if (messages.length === 1) client.send("ping");
        if (messages.length === 2) resolve();
      });
      client.on("error", reject);
    });
    client.close();
    expect(JSON.parse(messages[0]!)).toEqual({ room: "main", user: "ann" });
    expect(messages[1]).toBe("echo:ping");
    const http = await fetch(`${server.url}/ws/main`);
    expect(await http.json()).toBe("http route with the same path");
  });

  it("refuses a bad token with a 403 on the upgrade", async () => {
    const client = new WS(`${server.url.replace("http", "ws")}/ws/main?token=no`);
    const status = await new Promise<number>((resolve) => {
      client.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      client.on("error", () => {});
    });
    expect(status).toBe(403);
  });
});

describe("TestClient.websocketConnect", () => {
  it("opens a session with the client's headers and the lifespan state", async () => {
    const app = makeApp();
    await using client = await TestClient.start(app);
    await using ws = await client.websocketConnect("/ws/room1", { query: { token: "secret" } });
    expect(await ws.receiveJson()).toEqual({ room: "room1", user: "ann" });
    await ws.sendText("x");
    expect(await ws.receiveText()).toBe("echo:x");
    await expect(client.websocketConnect("/ws/room1")).rejects.toBeInstanceOf(WebSocketRejected);
  });

  it("lets a call's Host header replace the default", async () => {
    const app = new Typhoon({ logger: quiet });
    app.get("/host", { params: { request: Request } }, ({ request }) =>
      request.headers.getAll("host"),
    );
    const res = await new TestClient(app).get("/host", { headers: { Host: "example.org" } });
    expect(res.json()).toEqual(["example.org"]);
  });
});
