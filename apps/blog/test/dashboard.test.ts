import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { signUp, startBlog, type TestBlog } from "./support/blog";
import { json, slow, startUpstream, type Upstream } from "./support/upstreams";

let blog: TestBlog | undefined;
const upstreams: Upstream[] = [];

afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((upstream) => upstream.close()));
  await blog?.close();
  blog = undefined;
});

async function upstream(handler: Parameters<typeof startUpstream>[0]): Promise<Upstream> {
  const started = await startUpstream(handler);
  upstreams.push(started);
  return started;
}

/** The blog with these upstreams configured (the way UPSTREAMS is read from the environment). */
async function dashboard(services: Record<string, Upstream>, timeoutMs = 300) {
  const urls = Object.fromEntries(Object.entries(services).map(([name, u]) => [name, u.url]));
  blog = await startBlog({
    UPSTREAMS: JSON.stringify(urls),
    UPSTREAM_TIMEOUT_MS: String(timeoutMs),
  });
  const ann = await signUp(blog.client, "ann@example.com");
  await blog.client.post("/api/v1/posts", {
    headers: ann.headers,
    json: { title: "One", body: "b", published: true },
  });
  return blog.client.get("/api/v1/dashboard", { headers: ann.headers });
}

describe("the dashboard", () => {
  it("combines the blog's numbers with every upstream's answer", async () => {
    const weather = await upstream(json({ sky: "clear" }));
    const quotes = await upstream(json(["Simple is better than complex."]));
    const res = await dashboard({ weather, quotes });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      stats: { users: 1, posts: 1, published: 1 },
      services: { weather: { sky: "clear" }, quotes: ["Simple is better than complex."] },
    });
    expect([weather.hits, quotes.hits]).toEqual([1, 1]);
  });

  it("calls the upstreams concurrently: each answers only once both have been asked", async () => {
    // A rendezvous: called one after the other, the first would wait forever (a 504).
    const waiting: Array<() => void> = [];
    const rendezvous = (body: unknown) => (req: IncomingMessage, res: ServerResponse) => {
      waiting.push(() => json(body)(req, res));
      if (waiting.length === 2) for (const answer of waiting) answer();
    };
    const a = await upstream(rendezvous({ a: 1 }));
    const b = await upstream(rendezvous({ b: 2 }));
    const res = await dashboard({ a, b }, 5000);
    expect(res.status).toBe(200);
    expect(res.json().services).toEqual({ a: { a: 1 }, b: { b: 2 } });
  });

  it("is 504 when an upstream does not answer in time", async () => {
    const fast = await upstream(json({ ok: true }));
    const stuck = await upstream(slow(10_000, {}));
    const res = await dashboard({ fast, stuck }, 200);
    expect(res.status).toBe(504);
    expect(res.json()).toEqual({ detail: "Upstream failure: stuck did not answer within 200 ms" });
  });

  it("is 502 when an upstream fails, and names it", async () => {
    const broken = await upstream(json({ error: "boom" }, 500));
    const res = await dashboard({ broken });
    expect(res.status).toBe(502);
    expect(res.json()).toEqual({ detail: "Upstream failure: broken answered HTTP 500" });
  });

  it("is 502 for invalid JSON, an oversized answer, or nothing listening", async () => {
    const garbled = await upstream((_req, res) => res.end("<html>not json"));
    const huge = await upstream(json({ blob: "x".repeat(2_000_000) }));
    const gone = await upstream(json({}));
    await gone.close();
    // A generous deadline: the 2 MB answer must be refused for its size, not cut off by time
    // on a busy machine.
    const res = await dashboard({ garbled, huge, gone }, 10_000);
    expect(res.status).toBe(502);
    const detail: string = res.json().detail;
    expect(detail).toContain("garbled answered with invalid JSON");
    expect(detail).toContain("huge answered more than 1048576 bytes");
    expect(detail).toMatch(/gone is unreachable \(.*ECONNREFUSED.*\)/);
  });

  it("is 502, not 504, when a timeout comes with another failure", async () => {
    const stuck = await upstream(slow(10_000, {}));
    const broken = await upstream(json({}, 503));
    const res = await dashboard({ stuck, broken }, 200);
    expect(res.status).toBe(502);
  });

  it("needs a signed-in user", async () => {
    blog = await startBlog();
    expect((await blog.client.get("/api/v1/dashboard")).status).toBe(401);
  });
});
