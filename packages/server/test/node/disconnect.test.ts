import { eventually, RawConnection, sleep } from "@typhoon-tooling/test-support";
import fetch from "node-fetch";
import { describe, expect, it } from "vitest";
import type { ReceiveMessage } from "../../src/types";
import { startServer, textApp } from "./helpers";

describe("client disconnects", () => {
  it("mid-upload: the app's receive() yields http.disconnect and the server keeps serving", async () => {
    const received: ReceiveMessage[] = [];
    let firstChunk!: () => void;
    const gotFirst = new Promise<void>((resolve) => {
      firstChunk = resolve;
    });
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      if (scope.method === "GET") {
        await send({ type: "http.response.start", status: 200 });
        await send({ type: "http.response.body", body: Buffer.from("still up") });
        return;
      }
      for (let i = 0; i < 100; i++) {
        const message = await receive();
        received.push(message);
        if (i === 0) firstChunk();
        if (message.type !== "http.request" || !message.more_body) break;
      }
    });
    const client = await RawConnection.connect(server.port);
    client.write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789");
    await gotFirst;
    client.socket.destroy();
    await eventually(() => received.at(-1)?.type === "http.disconnect");
    expect(received[0]).toMatchObject({ type: "http.request", more_body: true });
    expect(Buffer.from((received[0] as { body: Uint8Array }).body).toString()).toBe("0123456789");
    expect(await (await fetch(server.url)).text()).toBe("still up");
  });

  it("mid-download: the app sees http.disconnect, later sends are silent no-ops", async () => {
    let sendsAfterDisconnect = 0;
    let disconnected = false;
    let appDone = false;
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      if (scope.method === "HEAD") {
        await send({ type: "http.response.start", status: 200 });
        await send({ type: "http.response.body" });
        return;
      }
      void receive().then(async (first) => {
        // The body is empty, so the next receive() waits for the client to leave.
        if (first.type === "http.request")
          disconnected = (await receive()).type === "http.disconnect";
      });
      await send({ type: "http.response.start", status: 200 });
      for (let i = 0; i < 2_000 && !disconnected; i++) {
        await send({
          type: "http.response.body",
          body: Buffer.from(`chunk ${i}\n`),
          more_body: true,
        });
        await sleep(2);
      }
      await send({ type: "http.response.body", body: Buffer.from("after"), more_body: true });
      sendsAfterDisconnect++;
      await send({ type: "http.response.body" });
      sendsAfterDisconnect++;
      appDone = true;
    });
    const controller = new AbortController();
    const res = await fetch(server.url, { signal: controller.signal });
    const body = res.body as unknown as AsyncIterable<Buffer>;
    for await (const chunk of body) {
      expect(chunk.toString()).toMatch(/^chunk 0/);
      break; // leaving the loop destroys the stream: the client is gone
    }
    controller.abort();
    await eventually(() => appDone);
    expect(disconnected).toBe(true);
    expect(sendsAfterDisconnect).toBe(2);
    expect(server.logs.filter((l) => l.level === "error")).toEqual([]);
    const again = await fetch(server.url, { method: "HEAD" });
    expect(again.status).toBe(200);
  });

  it("after the response is complete, receive() yields http.disconnect", async () => {
    let after: ReceiveMessage | undefined;
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      await receive();
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("done") });
      after = await receive();
    });
    expect(await (await fetch(server.url)).text()).toBe("done");
    await eventually(() => after !== undefined);
    expect(after).toEqual({ type: "http.disconnect" });
  });

  it("a second receive() while one is pending is an error, not a hang", async () => {
    let error: unknown;
    const server = await startServer(async (scope, receive, send) => {
      if (scope.type !== "http") return;
      const pending = receive();
      error = await receive().catch((e: unknown) => e);
      await pending;
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body" });
    });
    const client = await RawConnection.connect(server.port);
    client.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n");
    await eventually(() => error !== undefined);
    client.write("ok");
    await client.until((r) => r.startsWith("HTTP/1.1 200"));
    expect((error as Error).message).toMatch(/previous receive\(\) is pending/);
  });
});

describe("backpressure", () => {
  it("keeps send() pending while the client does not read, so memory stays bounded", async () => {
    const chunk = Buffer.alloc(64 * 1024, 120);
    const offered = 4_000; // 250 MiB if the server buffered everything
    let resolved = 0;
    let finished = false;
    const server = await startServer(async (scope, _receive, send) => {
      if (scope.type !== "http") return;
      await send({ type: "http.response.start", status: 200 });
      for (let i = 0; i < offered; i++) {
        await send({ type: "http.response.body", body: chunk, more_body: true });
        resolved++;
      }
      await send({ type: "http.response.body" });
      finished = true;
    });
    const client = await RawConnection.connect(server.port);
    client.socket.pause(); // a client that does not read
    client.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    // Let the kernel buffers fill up, then check the app is held back.
    let last = -1;
    for (let i = 0; i < 100 && resolved !== last; i++) {
      last = resolved;
      await sleep(50);
    }
    expect(resolved).toBe(last); // no progress while the client reads nothing
    expect(resolved).toBeLessThan(offered / 10);
    expect(finished).toBe(false);
    const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
    expect(heapMiB).toBeLessThan(200);

    // Once the client reads, the app goes on to the end.
    let bytes = 0;
    client.socket.removeAllListeners("data");
    client.socket.on("data", (data: Buffer | string) => {
      bytes += data.length;
    });
    client.socket.resume();
    await eventually(() => finished, 15_000);
    expect(resolved).toBe(offered);
    await eventually(() => bytes >= offered * chunk.length);
  });
});

describe("access log", () => {
  it("writes one line per request with peer, request line, status and duration", async () => {
    const server = await startServer(textApp(() => "ok", 201));
    await fetch(`${server.url}/path?q=1`);
    await eventually(() =>
      server.logs.some((l) => l.level === "info" && l.message.includes("/path")),
    );
    const line = server.logs.find((l) => l.message.includes("/path"));
    expect(line?.message).toMatch(
      /^127\.0\.0\.1:\d+ - "GET \/path\?q=1 HTTP\/1\.1" 201 \d+\.\dms$/,
    );
  });

  it("can be switched off", async () => {
    const server = await startServer(
      textApp(() => "ok"),
      { accessLog: false },
    );
    await fetch(`${server.url}/quiet`);
    await sleep(10);
    expect(server.logs.filter((l) => l.message.includes("/quiet"))).toEqual([]);
  });
});
