import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eventually, RawConnection, sleep } from "@typhoon-tooling/test-support";
import fetch from "node-fetch";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { serve } from "../../src/node/serve";
import type { ServerApp, State } from "../../src/types";
import { type LogLine, memoryLogger } from "../support/logger";
import { startServer, textApp } from "./helpers";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe("graceful close", () => {
  it("lets in-flight requests finish with Connection: close, refuses new connections", async () => {
    const release = gate();
    let started = 0;
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      started++;
      await release.opened;
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from(`done ${scope.path}`) });
    });
    const clients = await Promise.all([1, 2, 3].map(() => RawConnection.connect(server.port)));
    for (const [i, client] of clients.entries())
      client.write(`GET /${i} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await eventually(() => started === 3);
    const closed = server.close();
    await sleep(20);
    await expect(fetch(server.url)).rejects.toThrow(/ECONNREFUSED/);
    release.open();
    await closed;
    const answers = await Promise.all(clients.map((client) => client.untilClosed()));
    answers.forEach((raw, i) => {
      expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(raw).toMatch(/Connection: close/);
      expect(raw.endsWith(`done /${i}`)).toBe(true);
    });
  });

  it("waits for background work the app does after its response", async () => {
    let backgroundDone = false;
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("sent") });
      await sleep(150);
      backgroundDone = true;
    });
    expect(await (await fetch(server.url)).text()).toBe("sent");
    expect(backgroundDone).toBe(false);
    await server.close();
    expect(backgroundDone).toBe(true);
  });

  it("closes idle keep-alive connections right away, while other requests still run", async () => {
    const release = gate();
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      if (scope.path === "/slow") await release.opened;
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("ok") });
    });
    const idle = await RawConnection.connect(server.port);
    idle.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await idle.until((r) => r.endsWith("ok"));
    const busy = await RawConnection.connect(server.port);
    busy.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(20);
    const closed = server.close();
    await idle.untilClosed(); // the slow request has not been released yet
    expect(busy.isClosed).toBe(false);
    release.open();
    await closed;
    expect(await busy.untilClosed()).toMatch(/Connection: close[\s\S]*ok$/);
  });

  it("answers a request pipelined behind an in-flight one during the close", async () => {
    const release = gate();
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      if (scope.path === "/slow") await release.opened;
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from(`ok ${scope.path};`) });
    });
    const client = await RawConnection.connect(server.port);
    client.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /queued HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(20);
    const closed = server.close();
    await sleep(20);
    release.open();
    await closed;
    const raw = await client.untilClosed();
    expect(raw).toMatch(/ok \/slow;HTTP\/1\.1 200 OK[\s\S]*ok \/queued;$/);
  });

  it("after gracefulTimeout, force-closes what is left and logs it; the app sees a disconnect", async () => {
    let seen: string | undefined;
    const server = await startServer(
      async (scope, receive) => {
        if (scope.type !== "http") return;
        await receive();
        seen = (await receive()).type; // never answers; waits for the client to go away
      },
      { gracefulTimeout: 200 },
    );
    const client = await RawConnection.connect(server.port);
    client.write("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(20);
    await server.close();
    expect(await client.untilClosed()).toBe("");
    await eventually(() => seen !== undefined);
    expect(seen).toBe("http.disconnect");
    expect(server.logs.some((l) => l.level === "warn" && /still running/.test(l.message))).toBe(
      true,
    );
  });

  it("closes WebSockets with 1001 and runs lifespan shutdown last", async () => {
    const events: string[] = [];
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type === "lifespan") {
        await receive();
        await send({ type: "lifespan.startup.complete" });
        await receive();
        events.push("lifespan.shutdown");
        await send({ type: "lifespan.shutdown.complete" });
        return;
      }
      if (scope.type !== "websocket") return;
      await receive();
      await send({ type: "websocket.accept" });
      for (let i = 0; i < 100; i++) {
        const message = await receive();
        if (message.type === "websocket.disconnect") {
          events.push(`ws disconnect ${message.code}`);
          return;
        }
        if (message.type === "websocket.receive")
          await send({ type: "websocket.send", text: `echo ${message.text}` });
      }
    };
    const server = await startServer(app);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
    const echoed = new Promise<string>((resolve) =>
      ws.once("message", (data) => resolve(String(data))),
    );
    const closeCode = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    await new Promise((resolve) => ws.once("open", resolve));
    ws.send("hi");
    expect(await echoed).toBe("echo hi");
    await server.close();
    expect(await closeCode).toBe(1001);
    expect(events).toEqual(["ws disconnect 1001", "lifespan.shutdown"]);
  });
});

describe("lifespan through serve()", () => {
  it("copies lifespan state into every scope, shallowly and per request", async () => {
    const seen: State[] = [];
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type === "lifespan") {
        await receive();
        scope.state.db = { name: "pool" };
        await send({ type: "lifespan.startup.complete" });
        return;
      }
      if (scope.type !== "http") return;
      seen.push(scope.state);
      scope.state.requestOnly = scope.path; // must not leak into the next request
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body" });
    };
    const server = await startServer(app);
    await fetch(`${server.url}/a`);
    await fetch(`${server.url}/b`);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[1]).toEqual({ db: { name: "pool" }, requestOnly: "/b" });
    expect(seen[0]?.db).toBe(seen[1]?.db);
  });

  it("startup failure: serve() rejects and nothing listens", async () => {
    const port = await freePort();
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type !== "lifespan") return;
      await receive();
      await send({ type: "lifespan.startup.failed", message: "no config" });
    };
    await expect(serve(app, { host: "127.0.0.1", port, logLevel: "silent" })).rejects.toThrow(
      "no config",
    );
    await expect(fetch(`http://127.0.0.1:${port}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("a port in use: serve() rejects and shuts the lifespan down again", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const events: string[] = [];
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type !== "lifespan") return;
      events.push((await receive()).type);
      await send({ type: "lifespan.startup.complete" });
      events.push((await receive()).type);
      await send({ type: "lifespan.shutdown.complete" });
    };
    try {
      await expect(serve(app, { host: "127.0.0.1", port, logLevel: "silent" })).rejects.toThrow(
        /EADDRINUSE/,
      );
      expect(events).toEqual(["lifespan.startup", "lifespan.shutdown"]);
    } finally {
      blocker.close();
    }
  });

  it("the contract shape: serve(app, { host, port: 0, logLevel: 'silent' })", async () => {
    const handle = await serve(
      textApp(() => "plain"),
      { host: "127.0.0.1", port: 0, logLevel: "silent" },
    );
    try {
      expect(handle.host).toBe("127.0.0.1");
      expect(handle.port).toBeGreaterThan(0);
      expect(handle.url).toBe(`http://127.0.0.1:${handle.port}`);
      expect(await (await fetch(handle.url)).text()).toBe("plain");
    } finally {
      await handle.close();
    }
    await handle.close(); // idempotent
  });
});

describe("https", () => {
  it("serves over TLS with scheme https", async () => {
    const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures");
    const logs: LogLine[] = [];
    const handle = await serve(
      textApp((scope) => `${scope.scheme} ${scope.path}`),
      {
        host: "127.0.0.1",
        port: 0,
        logger: memoryLogger(logs),
        tls: {
          key: fs.readFileSync(path.join(fixtures, "tls-key.pem")),
          cert: fs.readFileSync(path.join(fixtures, "tls-cert.pem")),
        },
      },
    );
    try {
      expect(handle.url).toMatch(/^https:\/\//);
      const agent = new https.Agent({ rejectUnauthorized: false });
      const res = await fetch(`${handle.url}/secure`, { agent });
      expect(await res.text()).toBe("https /secure");
    } finally {
      await handle.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = http.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
