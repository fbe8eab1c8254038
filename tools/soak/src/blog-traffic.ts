/**
 * The traffic mix for apps/blog: one registered author (set up once), then posts created,
 * read, listed and deleted again (so the database stays small), invalid posts, forged and
 * missing tokens, missing posts, and live WebSocket subscriptions. The blog has no uploads or
 * streamed responses; the soak's own app covers those.
 */
import { randomBytes } from "node:crypto";
import WebSocket from "ws";
import { JSON_HEADERS, type Operation, request, type TrafficContext, timed } from "./traffic";

const API = "/api/v1";
const auth = (ctx: TrafficContext) => ({ authorization: `Bearer ${ctx.token}` });

/** Registers a fresh author and logs in: the token every authenticated operation uses. */
export async function blogToken(ctx: Pick<TrafficContext, "baseUrl" | "agent">): Promise<string> {
  const email = `soak-${randomBytes(6).toString("hex")}@example.com`;
  const password = `Soak-${randomBytes(8).toString("hex")}-9`;
  const registered = await request(ctx, "POST", `${API}/users`, {
    headers: JSON_HEADERS,
    body: JSON.stringify({ email, password, full_name: "Soak Author" }),
  });
  if (registered.status !== 201) {
    throw new Error(`registration failed with ${registered.status}: ${registered.body}`);
  }
  const login = await request(ctx, "POST", `${API}/token`, {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: email, password }).toString(),
  });
  if (login.status !== 200) throw new Error(`login failed with ${login.status}: ${login.body}`);
  return (JSON.parse(login.body.toString()) as { access_token: string }).access_token;
}

const postLifecycle: Operation = async (ctx) => {
  let id: number | undefined;
  await timed(ctx, "post create", { ok: 201 }, async () => {
    const post = { title: "Soak post", body: "x".repeat(400), tags: ["soak"], published: true };
    const answer = await request(ctx, "POST", `${API}/posts`, {
      headers: { ...JSON_HEADERS, ...auth(ctx) },
      body: JSON.stringify(post),
    });
    if (answer.status === 201) id = (JSON.parse(answer.body.toString()) as { id: number }).id;
    return { status: answer.status };
  });
  if (id === undefined) return;
  await timed(ctx, "post read", { ok: 200 }, async () => ({
    status: (await request(ctx, "GET", `${API}/posts/${id}`)).status,
  }));
  await timed(ctx, "post delete", { ok: 204 }, async () => ({
    status: (await request(ctx, "DELETE", `${API}/posts/${id}`, { headers: auth(ctx) })).status,
  }));
};

const list: Operation = async (ctx) => {
  await timed(ctx, "post list", { ok: 200 }, async () => ({
    status: (await request(ctx, "GET", `${API}/posts?limit=10`)).status,
  }));
};

const invalidPost: Operation = async (ctx) => {
  await timed(ctx, "post invalid", { intended: 422 }, async () => ({
    status: (
      await request(ctx, "POST", `${API}/posts`, {
        headers: { ...JSON_HEADERS, ...auth(ctx) },
        body: JSON.stringify({ title: "", body: "", tags: ["NOT VALID!"] }),
      })
    ).status,
  }));
};

const authFailure: Operation = async (ctx) => {
  for (const authorization of [`Bearer ${ctx.token.slice(0, -4)}AAAA`, "Bearer nope", undefined]) {
    await timed(ctx, "auth failure", { intended: 401 }, async () => ({
      status: (
        await request(
          ctx,
          "GET",
          `${API}/users/me`,
          authorization ? { headers: { authorization } } : {},
        )
      ).status,
    }));
  }
};

const me: Operation = async (ctx) => {
  await timed(ctx, "auth ok", { ok: 200 }, async () => ({
    status: (await request(ctx, "GET", `${API}/users/me`, { headers: auth(ctx) })).status,
  }));
};

const missing: Operation = async (ctx) => {
  await timed(ctx, "not found", { intended: 404 }, async () => ({
    status: (await request(ctx, "GET", `${API}/posts/999999999`)).status,
  }));
};

const live: Operation = async (ctx) => {
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const url = `${ctx.baseUrl.replace(/^http/, "ws")}${API}/ws/posts`;
      const ws = new WebSocket(url, { headers: auth(ctx) });
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error("live websocket timed out"));
      }, 10_000);
      ws.on("message", (data) => {
        const event = JSON.parse(String(data)) as { event?: string };
        if (event.event === "ready") ws.close(1000);
      });
      ws.on("close", (code) => {
        clearTimeout(timer);
        if (code === 1000) resolve();
        else reject(new Error(`live websocket closed with ${code}`));
      });
      ws.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    ctx.record("websocket", "ok", performance.now() - started);
  } catch (error) {
    ctx.record("websocket", "error", performance.now() - started, (error as Error).message);
  }
};

export const BLOG_MIX: ReadonlyArray<Operation> = [
  postLifecycle,
  list,
  me,
  invalidPost,
  postLifecycle,
  authFailure,
  live,
  missing,
];
