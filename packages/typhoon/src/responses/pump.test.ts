import type { ReceiveMessage, SendMessage } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { DisconnectWatch } from "./disconnect";
import { pump } from "./pump";
import { openSource } from "./source";

const encoder = new TextEncoder();
const encode = (s: string) => encoder.encode(s);

function recorder() {
  const sent: SendMessage[] = [];
  const send = async (message: SendMessage) => {
    sent.push(message);
  };
  const bodies = () =>
    sent.map((m) => (m.type === "http.response.body" ? new TextDecoder().decode(m.body) : "?"));
  return { sent, send, bodies };
}

/** A receive() that yields the request, then `http.disconnect` once `leave()` is called. */
function client() {
  let leave!: () => void;
  const left = new Promise<void>((resolve) => {
    leave = resolve;
  });
  let first = true;
  const receive = async (): Promise<ReceiveMessage> => {
    if (first) {
      first = false;
      return { type: "http.request", body: new Uint8Array(0), more_body: false };
    }
    await left;
    return { type: "http.disconnect" };
  };
  return { receive, leave };
}

describe("pump", () => {
  it("sends every item, then the final empty body", async () => {
    const { send, sent, bodies } = recorder();
    await pump(openSource(["a", "b"]), { send, encode });
    expect(bodies()).toEqual(["a", "b", ""]);
    expect(sent.map((m) => (m as { more_body?: boolean }).more_body)).toEqual([true, true, false]);
  });

  it("skips items encoded to null", async () => {
    const { send, bodies } = recorder();
    await pump(openSource(["a", "", "b"]), { send, encode: (s) => (s ? encode(s) : null) });
    expect(bodies()).toEqual(["a", "b", ""]);
  });

  it("propagates a sync source's error without trying to close it", async () => {
    let closed = false;
    function* failing() {
      try {
        yield "a";
        throw new Error("sync boom");
      } finally {
        closed = true;
      }
    }
    const { send } = recorder();
    await expect(pump(openSource(failing()), { send, encode })).rejects.toThrow("sync boom");
    expect(closed).toBe(true);
  });

  it("cancels a web ReadableStream when the client leaves", async () => {
    let cancelled = false;
    const { receive, leave } = client();
    const stream = new ReadableStream<string>({
      start(controller) {
        controller.enqueue("first");
      },
      cancel() {
        cancelled = true;
      },
    });
    const { send, bodies } = recorder();
    const done = pump(openSource(stream), {
      send: async (m) => {
        await send(m);
        leave(); // the client goes away after the first chunk
      },
      receive,
      encode,
    });
    await done;
    expect(bodies()).toEqual(["first"]);
    expect(cancelled).toBe(true);
  });
});

describe("openSource", () => {
  it("rejects what is not a stream", () => {
    expect(() => openSource(42 as never)).toThrow(/\(async\) iterable or a ReadableStream/);
  });
});

describe("DisconnectWatch", () => {
  it("drains the body and reports the disconnect", async () => {
    const { receive, leave } = client();
    let told = false;
    const watch = new DisconnectWatch(receive, () => {
      told = true;
    });
    expect(watch.disconnected).toBe(false);
    leave();
    await new Promise((resolve) => setImmediate(resolve));
    expect(watch.disconnected).toBe(true);
    expect(told).toBe(true);
  });

  it("gives up quietly when receive() is not its to read", async () => {
    const watch = new DisconnectWatch(() =>
      Promise.reject(new Error("receive() called while a previous receive() is pending")),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(watch.disconnected).toBe(false);
  });
});
