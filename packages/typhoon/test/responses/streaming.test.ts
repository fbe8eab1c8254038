import { Readable } from "node:stream";
import { httpRequest, httpStream, ResponseIncomplete, serve } from "@typhoon/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Typhoon } from "../../src/index";
import { StreamingResponse } from "../../src/responses";
import { TestClient } from "../../src/testing/index";
import { deferred, readThenLeave, respond, SERVE } from "./helpers";

const decoder = new TextDecoder();
const text = (chunks: Uint8Array[]) => chunks.map((c) => decoder.decode(c));
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An endless generator that records how far it got and whether its finally ran. */
function endless() {
  const state = { pulled: 0, closed: false };
  async function* numbers() {
    try {
      for (;;) {
        state.pulled++;
        yield `${state.pulled}\n`;
        await tick();
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, numbers };
}

describe("StreamingResponse through a Typhoon route", () => {
  it("streams an async generator as a chunked text body", async () => {
    const app = new Typhoon();
    app.get("/count", () => {
      async function* count() {
        for (let i = 1; i <= 3; i++) yield `line ${i}\n`;
      }
      return new StreamingResponse(count(), {
        mediaType: "text/plain",
        headers: { "x-stream": "yes" },
      });
    });
    const res = await new TestClient(app).get("/count");
    expect(res.status).toBe(200);
    expect(res.text).toBe("line 1\nline 2\nline 3\n");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("x-stream")).toBe("yes");
    expect(res.headers.get("content-length")).toBeUndefined();
  });
});

describe("StreamingResponse sources", () => {
  const bodyOf = async (content: ConstructorParameters<typeof StreamingResponse>[0]) => {
    const res = await httpRequest(
      respond(() => new StreamingResponse(content)),
      { path: "/" },
    );
    return decoder.decode(res.body);
  };

  it("accepts sync iterables, byte chunks, web streams, Node streams and a plain string", async () => {
    expect(await bodyOf(["a", "b", new TextEncoder().encode("c")])).toBe("abc");
    expect(
      await bodyOf(
        new ReadableStream({
          start(controller) {
            controller.enqueue("web ");
            controller.enqueue("stream");
            controller.close();
          },
        }),
      ),
    ).toBe("web stream");
    expect(await bodyOf(Readable.from(["node ", "readable"]))).toBe("node readable");
    expect(await bodyOf("whole string")).toBe("whole string");
  });

  it("hands each chunk to the client as it is sent", async () => {
    const gate = deferred();
    async function* twoParts() {
      yield "first";
      await gate.promise;
      yield "second";
    }
    const res = await httpStream(
      respond(() => new StreamingResponse(twoParts())),
      { path: "/" },
    );
    const reader = res.body[Symbol.asyncIterator]();
    const first = await reader.next();
    expect(decoder.decode(first.value)).toBe("first"); // arrived while the generator waits
    gate.resolve();
    const rest: Uint8Array[] = [];
    for (let step = await reader.next(); !step.done; step = await reader.next())
      rest.push(step.value);
    expect(text(rest).join("")).toBe("second");
  });

  it("refuses chunks that are neither strings nor bytes, and closes the generator", async () => {
    let closed = false;
    async function* bad() {
      try {
        yield 42 as unknown as string;
        yield "never";
      } finally {
        closed = true;
      }
    }
    const errors: unknown[] = [];
    const res = await httpRequest(
      respond(() => new StreamingResponse(bad())),
      { path: "/", logger: { info() {}, warn() {}, error: (_m, e) => errors.push(e) } },
    );
    expect(res.status).toBe(500);
    expect(closed).toBe(true);
    expect(String(errors[0])).toMatch(/chunks must be strings or Uint8Arrays, got number/);
  });
});

describe("StreamingResponse backpressure and disconnects (in process)", () => {
  it("pulls no faster than the client reads", async () => {
    const { state, numbers } = endless();
    const res = await httpStream(
      respond(() => new StreamingResponse(numbers())),
      { path: "/" },
    );
    const reader = res.body[Symbol.asyncIterator]();
    await reader.next();
    for (let i = 0; i < 50; i++) await tick(); // ample time to run ahead if it could
    // The in-process host buffers 16 chunks before send() waits: the generator stops there.
    expect(state.pulled).toBeLessThan(25);
    await reader.return?.();
    await res.finished;
    await vi.waitFor(() => expect(state.closed).toBe(true));
  });

  it("stops pulling and runs the generator's finally when the client leaves", async () => {
    const { state, numbers } = endless();
    const res = await httpStream(
      respond(() => new StreamingResponse(numbers())),
      { path: "/" },
    );
    const seen: string[] = [];
    for await (const chunk of res.body) {
      seen.push(decoder.decode(chunk));
      if (seen.length === 3) break; // leaving the loop disconnects the client
    }
    await res.finished;
    expect(seen).toEqual(["1\n", "2\n", "3\n"]);
    // Mid-`await` the generator gets the stop at its next yield: its finally runs then.
    await vi.waitFor(() => expect(state.closed).toBe(true));
    const pulledAtEnd = state.pulled;
    for (let i = 0; i < 10; i++) await tick();
    expect(state.pulled).toBe(pulledAtEnd);
  });

  it("ends the response at once when the client leaves while the generator waits", async () => {
    const gate = deferred();
    const log: string[] = [];
    async function* waits() {
      try {
        yield "ready";
        await gate.promise; // e.g. waiting for the next message of a queue
        log.push("resumed");
        yield "late";
        log.push("after late");
      } finally {
        log.push("finally");
      }
    }
    const res = await httpStream(
      respond(() => new StreamingResponse(waits())),
      { path: "/" },
    );
    const reader = res.body[Symbol.asyncIterator]();
    await reader.next();
    res.disconnect();
    await res.finished; // the app returned although the generator is still waiting
    expect(log).toEqual([]);
    gate.resolve();
    await vi.waitFor(() => expect(log).toEqual(["resumed", "finally"]));
  });

  it("sends only the head for HEAD and never starts the generator", async () => {
    let started = false;
    async function* body() {
      started = true;
      yield "x";
    }
    const res = await httpRequest(
      respond(() => new StreamingResponse(body(), { mediaType: "text/plain" })),
      { path: "/", method: "HEAD" },
    );
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(started).toBe(false);
  });

  it("cuts the response when the generator fails mid-stream", async () => {
    async function* failing() {
      yield "partial";
      throw new Error("boom");
    }
    const res = await httpStream(
      respond(() => new StreamingResponse(failing())),
      { path: "/", logger: { info() {}, warn() {}, error() {} } },
    );
    const chunks: Uint8Array[] = [];
    await expect(
      (async () => {
        for await (const chunk of res.body) chunks.push(chunk);
      })(),
    ).rejects.toBeInstanceOf(ResponseIncomplete);
    expect(text(chunks)).toEqual(["partial"]);
  });
});

describe("StreamingResponse over a real socket", () => {
  const { state, numbers } = endless();
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(
      respond((scope) =>
        scope.path === "/endless"
          ? new StreamingResponse(numbers(), { mediaType: "text/plain" })
          : new StreamingResponse(["a", "b", "c"], { mediaType: "text/plain" }),
      ),
      SERVE,
    );
  });
  afterAll(() => server.close());

  it("streams a finite body with chunked transfer encoding", async () => {
    const res = await fetch(`${server.url}/finite`);
    expect(res.status).toBe(200);
    expect(res.headers.get("transfer-encoding")).toBe("chunked");
    expect(await res.text()).toBe("abc");
  });

  it("stops the generator when the client disconnects mid-stream", async () => {
    const received = await readThenLeave(server.url, "/endless", (s) => s.includes("3\n"));
    expect(received.startsWith("1\n2\n3\n")).toBe(true);
    await vi.waitFor(() => expect(state.closed).toBe(true));
  });
});
