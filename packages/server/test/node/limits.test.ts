import net from "node:net";
import { eventually, RawConnection, sleep, statusOf } from "@typhoon-tooling/test-support";
import fetch from "node-fetch";
import { describe, expect, it } from "vitest";
import type { ServerApp } from "../../src/types";
import { readBody, startServer, textApp } from "./helpers";

const echoLength: ServerApp = async (scope, receive, send) => {
  if (scope.type !== "http") return;
  const chunks = await readBody(receive);
  await send({ type: "http.response.start", status: 200 });
  await send({ type: "http.response.body", body: Buffer.from(`len=${chunks.join("").length}`) });
};

/** Sends `request` on a fresh connection; returns what the server answered before closing. */
async function rawAnswer(port: number, request: string): Promise<string> {
  const client = await RawConnection.connect(port);
  client.write(request);
  return client.untilClosed();
}

function detailOf(raw: string): string {
  return JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4)).detail;
}

describe("limits", () => {
  it("431 when the request head is larger than maxHeaderSize", async () => {
    const server = await startServer(
      textApp(() => "ok"),
      { limits: { maxHeaderSize: 1024 } },
    );
    const raw = await rawAnswer(
      server.port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(2000)}\r\n\r\n`,
    );
    expect(statusOf(raw)).toBe(431);
    expect(raw).toMatch(/Connection: close/);
    expect(detailOf(raw)).toBe("Request Header Fields Too Large");
    // just under the limit is fine
    const ok = await fetch(server.url, { headers: { "x-big": "a".repeat(800) } });
    expect(ok.status).toBe(200);
  });

  it("431 when there are more headers than maxHeadersCount (Node would silently truncate)", async () => {
    let calls = 0;
    const server = await startServer(
      async (scope, receive, send) => {
        if (scope.type === "http") calls++;
        await textApp(() => "ok")(scope, receive, send);
      },
      { limits: { maxHeadersCount: 10 } },
    );
    const headers = (n: number) =>
      Array.from({ length: n }, (_, i) => `X-H${i}: ${i}\r\n`).join("");
    const raw = await rawAnswer(server.port, `GET / HTTP/1.1\r\nHost: x\r\n${headers(10)}\r\n`);
    expect(statusOf(raw)).toBe(431);
    expect(detailOf(raw)).toBe("Too many request headers");
    expect(calls).toBe(0);
    const client = await RawConnection.connect(server.port);
    client.write(`GET / HTTP/1.1\r\nHost: x\r\n${headers(9)}\r\n`);
    expect(statusOf(await client.until((r) => r.endsWith("ok")))).toBe(200);
  });

  it("408 for a slowloris client that never finishes its headers", async () => {
    const server = await startServer(
      textApp(() => "ok"),
      {
        limits: { headersTimeout: 300, requestTimeout: 5_000 },
      },
    );
    const client = await RawConnection.connect(server.port);
    client.write("GET / HTTP/1.1\r\nHost: x\r\n");
    let i = 0;
    const drip = setInterval(() => {
      if (!client.isClosed) client.write(`X-Drip-${i++}: 1\r\n`); // bytes keep coming, the head never ends
    }, 40);
    try {
      const raw = await client.untilClosed();
      expect(statusOf(raw)).toBe(408);
      expect(detailOf(raw)).toBe("Request Timeout");
      expect(i).toBeGreaterThan(3);
    } finally {
      clearInterval(drip);
    }
  });

  it("408 when the whole request (body included) takes longer than requestTimeout", async () => {
    const server = await startServer(echoLength, {
      limits: { headersTimeout: 200, requestTimeout: 400 },
    });
    const client = await RawConnection.connect(server.port);
    client.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly a part");
    const raw = await client.untilClosed();
    expect(statusOf(raw)).toBe(408);
  });

  it("408 for a connection that never sends a byte (headersTimeout counts from connect)", async () => {
    const server = await startServer(
      textApp(() => "ok"),
      {
        limits: { headersTimeout: 200, requestTimeout: 1_000 },
      },
    );
    const client = await RawConnection.connect(server.port);
    expect(statusOf(await client.untilClosed())).toBe(408);
  });

  it("closes idle keep-alive connections after keepAliveTimeout", async () => {
    const server = await startServer(
      textApp(() => "ok"),
      { limits: { keepAliveTimeout: 150 } },
    );
    const client = await RawConnection.connect(server.port);
    client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const raw = await client.untilClosed();
    expect(raw).toMatch(/Keep-Alive: timeout=0?\b/i);
    expect(raw.endsWith("ok")).toBe(true);
  });

  it("413 before reading when Content-Length exceeds maxBodySize; the app is not called", async () => {
    let calls = 0;
    const server = await startServer(
      async (scope, receive, send) => {
        if (scope.type === "http") calls++;
        await echoLength(scope, receive, send);
      },
      { limits: { maxBodySize: 1000 } },
    );
    const raw = await rawAnswer(
      server.port,
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n",
    );
    expect(statusOf(raw)).toBe(413);
    expect(raw).toMatch(/Connection: close/);
    expect(detailOf(raw)).toBe("Request body too large");
    expect(calls).toBe(0);
    const ok = await fetch(server.url, { method: "POST", body: "x".repeat(1000) });
    expect(await ok.text()).toBe("len=1000");
  });

  it("413 as soon as a streamed (chunked) body crosses maxBodySize; the app sees a disconnect", async () => {
    const seen: string[] = [];
    const server = await startServer(
      async (scope, receive, send) => {
        if (scope.type !== "http") return;
        for (let i = 0; i < 1000; i++) {
          const message = await receive();
          seen.push(message.type);
          if (message.type !== "http.request" || !message.more_body) break;
        }
        await send({ type: "http.response.start", status: 200 }); // a silent no-op by now
        await send({ type: "http.response.body", body: Buffer.from("too late") });
      },
      { limits: { maxBodySize: 1000 } },
    );
    const client = await RawConnection.connect(server.port);
    client.write("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    const chunk = `258\r\n${"y".repeat(600)}\r\n`;
    client.write(chunk);
    await sleep(20);
    client.write(chunk); // 1200 bytes now: over the limit
    const raw = await client.untilClosed();
    expect(statusOf(raw)).toBe(413);
    expect(raw).not.toContain("too late");
    expect(seen.at(-1)).toBe("http.disconnect");
    expect(server.logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("503 with Connection: close over maxConnections; served again once a slot frees", async () => {
    const server = await startServer(
      textApp(() => "ok"),
      { limits: { maxConnections: 2 } },
    );
    const first = await RawConnection.connect(server.port);
    const second = await RawConnection.connect(server.port);
    const third = await RawConnection.connect(server.port);
    third.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const refused = await third.untilClosed();
    expect(statusOf(refused)).toBe(503);
    expect(refused).toMatch(/Connection: close/);
    expect(detailOf(refused)).toMatch(/connection limit/);
    // the two admitted connections work
    first.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(await first.until((r) => r.endsWith("ok"))).toMatch(/^HTTP\/1\.1 200/);
    first.socket.destroy();
    second.socket.destroy();
    await sleep(20);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
  });

  it("400 with a JSON detail for a request Node cannot parse", async () => {
    const server = await startServer(textApp(() => "ok"));
    const raw = await rawAnswer(server.port, "NOT A REQUEST\r\n\r\n");
    expect(statusOf(raw)).toBe(400);
    expect(raw).toMatch(/Content-Type: application\/json/);
    expect(detailOf(raw)).toBe("Bad Request");
  });

  it("400 for an upgrade that is not a WebSocket", async () => {
    const server = await startServer(textApp(() => "ok"));
    const raw = await rawAnswer(
      server.port,
      "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n",
    );
    expect(statusOf(raw)).toBe(400);
  });

  it("rejects invalid limits up front", async () => {
    await expect(
      startServer(
        textApp(() => ""),
        { limits: { maxBodySize: -1 } },
      ),
    ).rejects.toThrow(/limits.maxBodySize must be an integer >= 1/);
    await expect(
      startServer(
        textApp(() => ""),
        { limits: { headersTimeout: 10_000, requestTimeout: 5_000 } },
      ),
    ).rejects.toThrow(/headersTimeout must not exceed/);
  });

  it("server keeps its port for other clients while one hits a limit", async () => {
    const server = await startServer(
      textApp(() => "ok"),
      { limits: { maxHeaderSize: 1024 } },
    );
    const bad = net.connect(server.port, "127.0.0.1");
    bad.on("error", () => {});
    bad.resume();
    bad.write(`GET / HTTP/1.1\r\nX: ${"z".repeat(4000)}\r\n\r\n`);
    await eventually(() => bad.destroyed);
    expect((await fetch(server.url)).status).toBe(200);
    bad.destroy();
  });
});
