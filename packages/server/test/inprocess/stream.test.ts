import { describe, expect, it } from "vitest";
import { httpStream, ResponseIncomplete } from "../../src/inprocess/index";
import type { ReceiveMessage, ServerApp } from "../../src/types";
import { deferred, memoryLogger } from "../websocket/harness";

const text = (body: Uint8Array) => Buffer.from(body).toString("utf8");

/** An SSE-like app: sends `count` events, then ends; records what receive() says afterwards. */
function eventsApp(count: number, seen: ReceiveMessage[] = []): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "http") return;
    await receive();
    await send({
      type: "http.response.start",
      status: 200,
      headers: [["content-type", "text/event-stream"]],
    });
    for (let i = 0; i < count; i++) {
      await send({
        type: "http.response.body",
        body: Buffer.from(`data: ${i}\n\n`),
        more_body: true,
      });
    }
    await send({ type: "http.response.body" });
    seen.push(await receive());
  };
}

describe("httpStream", () => {
  it("resolves at the response start and streams the chunks in order", async () => {
    const response = await httpStream(eventsApp(3), { path: "/events" });
    expect(response.status).toBe(200);
    expect(response.headers).toEqual([["content-type", "text/event-stream"]]);
    const chunks: string[] = [];
    for await (const chunk of response.body) chunks.push(text(chunk));
    expect(chunks).toEqual(["data: 0\n\n", "data: 1\n\n", "data: 2\n\n"]);
    await response.finished;
  });

  it("holds the app back when the reader falls behind (bounded buffer)", async () => {
    let sent = 0;
    const app: ServerApp = async (_scope, _receive, send) => {
      await send({ type: "http.response.start", status: 200 });
      for (let i = 0; i < 100; i++) {
        await send({ type: "http.response.body", body: Buffer.from([i]), more_body: true });
        sent++;
      }
      await send({ type: "http.response.body" });
    };
    const response = await httpStream(app, { path: "/" });
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toBeLessThan(20); // 100 chunks, nobody reading: the app waits
    let received = 0;
    for await (const _ of response.body) received++;
    expect(received).toBe(100);
    expect(sent).toBe(100);
  });

  it("disconnects the app when the reader stops early", async () => {
    const seen: ReceiveMessage[] = [];
    const stopped = deferred<void>();
    const app: ServerApp = async (scope, receive, send) => {
      if (scope.type !== "http") return;
      await receive();
      await send({ type: "http.response.start", status: 200 });
      // An endless stream that stops only when the client leaves, as SSE endpoints do.
      const watcher = receive().then((m) => {
        seen.push(m);
        stopped.resolve();
      });
      let i = 0;
      while (seen.length === 0) {
        await send({ type: "http.response.body", body: Buffer.from(String(i++)), more_body: true });
        await new Promise((r) => setTimeout(r, 1));
      }
      await watcher;
    };
    const response = await httpStream(app, { path: "/" });
    for await (const chunk of response.body) {
      if (text(chunk) === "2") break;
    }
    await stopped.promise;
    await response.finished;
    expect(seen).toEqual([{ type: "http.disconnect" }]);
  });

  it("ends the body with an error when the app fails mid-stream", async () => {
    const app: ServerApp = async (_scope, _receive, send) => {
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("a"), more_body: true });
      throw new Error("broken stream");
    };
    const response = await httpStream(app, { path: "/", logger: memoryLogger([]) });
    const chunks: string[] = [];
    const error = await (async () => {
      for await (const chunk of response.body) chunks.push(text(chunk));
    })().catch((e) => e);
    expect(chunks).toEqual(["a"]);
    expect(error).toBeInstanceOf(ResponseIncomplete);
  });

  it("answers 500 like httpRequest when the app fails before starting", async () => {
    const response = await httpStream(
      async () => {
        throw new Error("early");
      },
      { path: "/", logger: memoryLogger([]) },
    );
    expect(response.status).toBe(500);
  });
});

describe("httpStream with an AbortSignal", () => {
  it("ends the body and disconnects the app when the signal aborts mid-stream", async () => {
    const seen: ReceiveMessage[] = [];
    const controller = new AbortController();
    const app: ServerApp = async (_scope, receive, send) => {
      await receive();
      await send({ type: "http.response.start", status: 200 });
      await send({ type: "http.response.body", body: Buffer.from("first"), more_body: true });
      seen.push(await receive()); // waits until the client leaves
    };
    const response = await httpStream(app, { path: "/", signal: controller.signal });
    const chunks: string[] = [];
    for await (const chunk of response.body) {
      chunks.push(text(chunk));
      setTimeout(() => controller.abort(), 10); // while the reader waits for the next chunk
    }
    await response.finished;
    expect(chunks).toEqual(["first"]);
    expect(seen).toEqual([{ type: "http.disconnect" }]);
  });
});
