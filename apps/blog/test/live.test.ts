import nodeFetch from "node-fetch";
import { serve } from "typhoon";
import { WebSocketRejected } from "typhoon/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WS from "ws";
import { signUp, startBlog, type TestBlog } from "./support/blog";

let blog: TestBlog;
beforeEach(async () => {
  blog = await startBlog();
});
afterEach(() => blog.close());

const LIVE = "/api/v1/ws/posts";

async function rejection(promise: Promise<unknown>): Promise<WebSocketRejected> {
  const error = await promise.then(
    () => new Error("the WebSocket was accepted"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebSocketRejected);
  return error as WebSocketRejected;
}

describe("the live WebSocket", () => {
  it("refuses clients without a valid token (1008 before accept, 403 on the wire)", async () => {
    const none = await rejection(blog.client.websocketConnect(LIVE));
    expect([none.closeCode, none.reason]).toEqual([1008, "Not authenticated"]);
    const bad = await rejection(blog.client.websocketConnect(LIVE, { query: { token: "x.y.z" } }));
    expect([bad.closeCode, bad.reason]).toEqual([1008, "Could not validate credentials"]);
    expect(blog.hub.size).toBe(0);
  });

  it("pushes published posts, in order, and nothing for drafts until they are published", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const token = ann.headers.authorization.slice("Bearer ".length);
    await using ws = await blog.client.websocketConnect(LIVE, { query: { token } });
    expect(await ws.receiveJson()).toEqual({ event: "ready", user_id: ann.id });
    expect(blog.hub.size).toBe(1);

    const post = (title: string, published: boolean) =>
      blog.client.post("/api/v1/posts", {
        headers: ann.headers,
        json: { title, body: "b", published },
      });
    const draft = (await post("Draft", false)).json();
    const first = (await post("First", true)).json();
    expect(await ws.receiveJson()).toEqual({ event: "post.published", post: first });

    const published = await blog.client.patch(`/api/v1/posts/${draft.id}`, {
      headers: ann.headers,
      json: { published: true },
    });
    expect(await ws.receiveJson()).toEqual({ event: "post.published", post: published.json() });
    // Editing a post that was already public is not news.
    await blog.client.patch(`/api/v1/posts/${first.id}`, {
      headers: ann.headers,
      json: { title: "Edited" },
    });
    const second = (await post("Second", true)).json();
    expect(await ws.receiveJson()).toEqual({ event: "post.published", post: second });
  });

  it("takes the token from the Authorization header too, and forgets clients that leave", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    const ws = await blog.client.websocketConnect(LIVE, { headers: ann.headers });
    expect(await ws.receiveJson()).toMatchObject({ event: "ready" });
    expect(blog.hub.size).toBe(1);
    await ws.close();
    expect(blog.hub.size).toBe(0);
    // The hub keeps working for the others.
    await blog.client.post("/api/v1/posts", {
      headers: ann.headers,
      json: { title: "After", body: "b", published: true },
    });
    expect(blog.hub.size).toBe(0);
  });
});

describe("the live WebSocket over a real socket", () => {
  it("authenticates the handshake, pushes posts, and cleans up on disconnect", async () => {
    const ann = await signUp(blog.client, "ann@example.com");
    // The overrides provide the database, so no lifespan is needed.
    const server = await serve(blog.app, {
      host: "127.0.0.1",
      port: 0,
      lifespan: "off",
      logLevel: "silent",
    });
    const wsUrl = `${server.url.replace("http", "ws")}${LIVE}`;
    try {
      const refused = await new Promise<number>((resolve, reject) => {
        const socket = new WS(wsUrl);
        socket.on("unexpected-response", (_req, res) => {
          resolve(res.statusCode ?? 0);
          socket.terminate();
        });
        socket.on("open", () => reject(new Error("accepted without a token")));
        socket.on("error", () => {});
      });
      expect(refused).toBe(403);

      const token = ann.headers.authorization.slice("Bearer ".length);
      const socket = new WS(`${wsUrl}?token=${token}`);
      const messages: unknown[] = [];
      const waiters: Array<() => void> = [];
      socket.on("message", (data) => {
        messages.push(JSON.parse(String(data)));
        for (const wake of waiters.splice(0)) wake();
      });
      const nextMessage = async (count: number) => {
        while (messages.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
        return messages[count - 1];
      };
      expect(await nextMessage(1)).toEqual({ event: "ready", user_id: ann.id });

      const created = await nodeFetch(`${server.url}/api/v1/posts`, {
        method: "POST",
        headers: { ...ann.headers, "content-type": "application/json" },
        body: JSON.stringify({ title: "Over the wire", body: "b", published: true }),
      });
      expect(created.status).toBe(201);
      expect(await nextMessage(2)).toEqual({ event: "post.published", post: await created.json() });

      const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
      socket.terminate(); // the client vanishes without a close frame
      await closed;
      for (let i = 0; i < 100 && blog.hub.size > 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(blog.hub.size).toBe(0);
    } finally {
      await server.close();
    }
  });
});
