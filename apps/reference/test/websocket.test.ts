import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusedStatus, serveReference, WsClient } from "./socket";

describe("apps/reference/SPEC.md §2.14 WebSocket /ws/{room} (over a real socket)", () => {
  let server: Awaited<ReturnType<typeof serveReference>>;
  let base: string;
  beforeAll(async () => {
    server = await serveReference();
    base = server.url.replace(/^http/, "ws");
  });
  afterAll(() => server.close());

  it("joins, echoes as nickname@room, and says goodbye with a 1000 close", async () => {
    const ws = await WsClient.connect(`${base}/ws/lobby?token=ws-secret&nickname=ann`);
    expect(JSON.parse(await ws.next())).toEqual({
      event: "joined",
      room: "lobby",
      nickname: "ann",
    });
    ws.send("hello there");
    expect(await ws.next()).toBe("ann@lobby: hello there");
    ws.send("bye");
    expect(await ws.next()).toBe("goodbye ann");
    expect((await ws.closed).code).toBe(1000);
  });

  it("nickname defaults to anon; the room is percent-decoded", async () => {
    const ws = await WsClient.connect(`${base}/ws/my%20room?token=ws-secret`);
    expect(JSON.parse(await ws.next())).toEqual({
      event: "joined",
      room: "my room",
      nickname: "anon",
    });
    ws.send("x");
    expect(await ws.next()).toBe("anon@my room: x");
    ws.close();
    await ws.closed;
  });

  it("the global gate does not run for the WebSocket route (apps/reference/SPEC.md §1.3)", async () => {
    const ws = await WsClient.connect(`${base}/ws/gated?token=ws-secret`, { "x-block": "yes" });
    expect(JSON.parse(await ws.next())).toMatchObject({ event: "joined", room: "gated" });
    ws.close();
    await ws.closed;
  });

  it.each(["/ws/lobby", "/ws/lobby?token=wrong", "/ws/lobby?token=", "/ws?token=ws-secret"])(
    "%s: the handshake is refused with 403",
    async (path) => {
      expect(await refusedStatus(`${base}${path}`)).toBe(403);
    },
  );
});
