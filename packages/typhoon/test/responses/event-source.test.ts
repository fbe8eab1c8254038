import type { SendMessage, ServerApp } from "@typhoon/server";
import { httpRequest, httpStream, serve } from "@typhoon/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EventSourceResponse, type ServerSentEvent } from "../../src/responses";
import { deferred, readThenLeave, respond, SERVE } from "./helpers";

const decoder = new TextDecoder();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Events forever, one per `every` ms, recording progress and cleanup. */
function ticker(every: number) {
  const state = { sent: 0, closed: false };
  async function* events(): AsyncGenerator<ServerSentEvent> {
    try {
      for (;;) {
        state.sent++;
        yield { event: "tick", id: state.sent, data: { n: state.sent } };
        await sleep(every);
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, events };
}

/** Reads the stream until `done(text)`; returns the text. */
async function readUntil(body: AsyncIterable<Uint8Array>, done: (text: string) => boolean) {
  let text = "";
  for await (const chunk of body) {
    text += decoder.decode(chunk);
    if (done(text)) break;
  }
  return text;
}

describe("EventSourceResponse (in process)", () => {
  it("sends the event-stream head at once, before the first event", async () => {
    const never = deferred();
    async function* late() {
      await never.promise;
      yield "too late";
    }
    const res = await httpStream(
      respond(() => new EventSourceResponse(late(), { ping: 0 })),
      { path: "/" },
    );
    expect(res.status).toBe(200);
    const headers = Object.fromEntries(res.headers);
    expect(headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(headers["cache-control"]).toBe("no-cache");
    expect(headers["x-accel-buffering"]).toBe("no");
    res.disconnect();
    await res.finished;
    never.resolve();
  });

  it("encodes strings and event objects, with multi-line data split", async () => {
    const res = await httpRequest(
      respond(
        () =>
          new EventSourceResponse([
            "plain",
            { event: "update", id: "7", data: "line one\nline two" },
            { data: { ok: true }, retry: 5000 },
            { comment: "just a comment" },
          ]),
      ),
      { path: "/" },
    );
    expect(decoder.decode(res.body)).toBe(
      [
        "data: plain\n\n",
        "event: update\nid: 7\ndata: line one\ndata: line two\n\n",
        'retry: 5000\ndata: {"ok":true}\n\n',
        ": just a comment\n\n",
      ].join(""),
    );
  });

  it("sends keep-alive comments while the generator is quiet", async () => {
    const release = deferred();
    async function* quiet() {
      yield "first";
      await release.promise;
      yield "second";
    }
    const res = await httpStream(
      respond(() => new EventSourceResponse(quiet(), { ping: 5 })),
      { path: "/" },
    );
    const text = await readUntil(res.body, (t) => t.split(": ping\n\n").length > 2);
    expect(text.startsWith("data: first\n\n: ping\n\n: ping\n\n")).toBe(true);
    release.resolve();
    res.disconnect();
    await res.finished;
  });

  it("stops the generator and the keep-alive timer when the client leaves", async () => {
    const { state, events } = ticker(1);
    const started = vi.spyOn(globalThis, "setInterval");
    const cleared = vi.spyOn(globalThis, "clearInterval");
    let sendsAfterLeaving = 0;
    let left = false;
    const app = respond(() => new EventSourceResponse(events(), { ping: 2 }));
    const counting: ServerApp = (scope, receive, send) =>
      app(scope, receive, (message: SendMessage) => {
        if (left) sendsAfterLeaving++;
        return send(message);
      });
    const res = await httpStream(counting, { path: "/" });
    const text = await readUntil(res.body, (t) => t.includes("id: 3\n"));
    expect(text).toContain('event: tick\nid: 1\ndata: {"n":1}\n\n');
    left = true;
    res.disconnect();
    await res.finished;
    await vi.waitFor(() => expect(state.closed).toBe(true));
    const sent = state.sent;
    await sleep(30); // many ping intervals: a timer still running would send
    expect(sendsAfterLeaving).toBe(0);
    expect(state.sent).toBe(sent);
    // The keep-alive timer was stopped, not merely ignored.
    const timers = started.mock.results.map((r) => r.value);
    expect(timers.length).toBeGreaterThan(0);
    for (const timer of timers) expect(cleared).toHaveBeenCalledWith(timer);
    started.mockRestore();
    cleared.mockRestore();
  });

  it("answers HEAD with the head only", async () => {
    let started = false;
    async function* events() {
      started = true;
      yield "x";
    }
    const res = await httpRequest(
      respond(() => new EventSourceResponse(events())),
      { path: "/", method: "HEAD" },
    );
    expect(res.body.length).toBe(0);
    expect(Object.fromEntries(res.headers)["content-type"]).toBe(
      "text/event-stream; charset=utf-8",
    );
    expect(started).toBe(false);
  });

  it("rejects a bad ping interval at construction", () => {
    expect(() => new EventSourceResponse([], { ping: -1 })).toThrow(/ping/);
    expect(() => new EventSourceResponse([], { ping: 2 ** 31 })).toThrow(/ping/);
    expect(() => new EventSourceResponse([], { ping: Number.NaN })).toThrow(/ping/);
  });
});

describe("EventSourceResponse over a real socket", () => {
  const { state, events } = ticker(2);
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(
      respond(() => new EventSourceResponse(events(), { ping: 1000 })),
      SERVE,
    );
  });
  afterAll(() => server.close());

  it("streams events until the client leaves, then runs the generator's finally", async () => {
    const received = await readThenLeave(server.url, "/events", (t) => t.includes("id: 3\n"));
    const ids = [...received.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.slice(0, 3)).toEqual([1, 2, 3]);
    await vi.waitFor(() => expect(state.closed).toBe(true));
  });

  it("works with fetch and an AbortController, as a browser client would", async () => {
    const { state: second, events: more } = ticker(2);
    const local = await serve(
      respond(() => new EventSourceResponse(more())),
      SERVE,
    );
    try {
      const controller = new AbortController();
      const res = await fetch(`${local.url}/`, { signal: controller.signal });
      expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const text = await readUntil(res.body as unknown as AsyncIterable<Uint8Array>, (t) =>
        t.includes("id: 2\n"),
      );
      expect(text).toContain("event: tick\nid: 1\n");
      controller.abort();
      await vi.waitFor(() => expect(second.closed).toBe(true));
    } finally {
      await local.close();
    }
  });
});
