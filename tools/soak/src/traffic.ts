/**
 * The traffic mix for the soak's own app: each operation talks to it over loopback and records its
 * outcome — `ok`, `intended` (the 4xx it asked for: invalid JSON, a forged token, a missing
 * note) or `error` (anything else: a wrong status, a broken body, a dropped connection).
 * Operations run in a fixed weighted rotation, so two runs send the same mix.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import WebSocket from "ws";
import type { Outcome } from "./stats";

export interface TrafficContext {
  /** `http://127.0.0.1:port` */
  baseUrl: string;
  agent: http.Agent;
  /** A valid bearer token, obtained once at the start by the target's `prepare`. */
  token: string;
  record(kind: string, outcome: Outcome, latencyMs: number, detail?: string): void;
}

export type Operation = (ctx: TrafficContext) => Promise<void>;

interface Answer {
  status: number;
  body: Buffer;
}

const REQUEST_TIMEOUT_MS = 10_000;

export function request(
  ctx: Pick<TrafficContext, "baseUrl" | "agent">,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${ctx.baseUrl}${path}`,
      { method, agent: ctx.agent, headers: options.headers, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          if (!res.complete) reject(new Error("response truncated"));
          else resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Runs `fn`, times it, and records ok / intended / error by the status it returns. */
export async function timed(
  ctx: TrafficContext,
  kind: string,
  expected: { ok?: number; intended?: number },
  fn: () => Promise<{ status: number; check?: string | undefined }>,
): Promise<void> {
  const started = performance.now();
  try {
    const { status, check } = await fn();
    const ms = performance.now() - started;
    if (check !== undefined) ctx.record(kind, "error", ms, check);
    else if (status === expected.ok) ctx.record(kind, "ok", ms);
    else if (status === expected.intended) ctx.record(kind, "intended", ms);
    else ctx.record(kind, "error", ms, `unexpected status ${status}`);
  } catch (error) {
    ctx.record(kind, "error", performance.now() - started, (error as Error).message);
  }
}

export const JSON_HEADERS = { "content-type": "application/json" };

const createAndRead: Operation = async (ctx) => {
  let id: number | undefined;
  await timed(ctx, "json create", { ok: 201 }, async () => {
    const note = { title: `note ${Date.now()}`, body: "x".repeat(500), tags: ["soak"] };
    const answer = await request(ctx, "POST", "/notes", {
      headers: JSON_HEADERS,
      body: JSON.stringify(note),
    });
    if (answer.status === 201) id = (JSON.parse(answer.body.toString()) as { id: number }).id;
    return { status: answer.status };
  });
  if (id === undefined) return;
  await timed(ctx, "json read", { ok: 200 }, async () => {
    const answer = await request(ctx, "GET", `/notes/${id}`);
    const check =
      answer.status === 200 && !answer.body.includes(`"id":${id}`) ? "wrong note" : undefined;
    return { status: answer.status, check };
  });
};

const INVALID_BODIES = [
  '{"title": ""}',
  '{"title": "a", "body": ',
  "[1, 2, 3]",
  '{"title": 5, "body": null}',
];
let invalidIndex = 0;

const invalidJson: Operation = async (ctx) => {
  const body = INVALID_BODIES[invalidIndex++ % INVALID_BODIES.length];
  await timed(ctx, "json invalid", { intended: 422 }, async () => ({
    status: (await request(ctx, "POST", "/notes", { headers: JSON_HEADERS, body })).status,
  }));
};

const upload: Operation = async (ctx) => {
  const boundary = `soak${randomBytes(8).toString("hex")}`;
  const file = randomBytes(24 * 1024); // over the 16 KiB spool threshold: goes to disk
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="label"\r\n\r\nsoak\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="blob.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  await timed(ctx, "upload", { ok: 200 }, async () => {
    const answer = await request(ctx, "POST", "/upload", {
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const check =
      answer.status === 200 && !answer.body.includes(`"size":${file.length}`)
        ? "wrong size"
        : undefined;
    return { status: answer.status, check };
  });
};

const stream: Operation = async (ctx) => {
  await timed(ctx, "stream", { ok: 200 }, async () => {
    const answer = await request(ctx, "GET", "/stream?chunks=50");
    const lines = answer.body.toString().split("\n").length - 1;
    return {
      status: answer.status,
      check: answer.status === 200 && lines !== 50 ? `${lines} lines` : undefined,
    };
  });
};

const authOk: Operation = async (ctx) => {
  await timed(ctx, "auth ok", { ok: 200 }, async () => ({
    status: (
      await request(ctx, "GET", "/me", { headers: { authorization: `Bearer ${ctx.token}` } })
    ).status,
  }));
};

const authFail: Operation = async (ctx) => {
  const forged = `${ctx.token.slice(0, -4)}AAAA`;
  for (const authorization of [`Bearer ${forged}`, "Bearer not-a-jwt", undefined]) {
    await timed(ctx, "auth failure", { intended: 401 }, async () => ({
      status: (
        await request(ctx, "GET", "/me", authorization ? { headers: { authorization } } : {})
      ).status,
    }));
  }
};

const notFound: Operation = async (ctx) => {
  await timed(ctx, "not found", { intended: 404 }, async () => ({
    status: (await request(ctx, "GET", "/notes/999999999")).status,
  }));
};

const MESSAGES = 5;

const websocket: Operation = async (ctx) => {
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${ctx.baseUrl.replace(/^http/, "ws")}/ws/echo`);
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error("websocket timed out"));
      }, REQUEST_TIMEOUT_MS);
      let received = 0;
      ws.on("open", () => ws.send("m0"));
      ws.on("message", (data) => {
        if (String(data) !== `m${received}`) {
          ws.terminate();
          reject(new Error(`echo mismatch: ${String(data)}`));
          return;
        }
        received++;
        if (received < MESSAGES) ws.send(`m${received}`);
        else ws.close(1000);
      });
      ws.on("close", (code) => {
        clearTimeout(timer);
        if (received === MESSAGES && code === 1000) resolve();
        else reject(new Error(`closed with ${code} after ${received} messages`));
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

/** The rotation: JSON-heavy, with every other kind in it. */
export const APP_MIX: ReadonlyArray<Operation> = [
  createAndRead,
  authOk,
  upload,
  createAndRead,
  invalidJson,
  stream,
  websocket,
  authFail,
  createAndRead,
  notFound,
];

/** Logs in once for the `auth ok` operations. */
export async function appToken(ctx: Pick<TrafficContext, "baseUrl" | "agent">): Promise<string> {
  const answer = await request(ctx, "POST", "/token", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "username=soak",
  });
  if (answer.status !== 200) throw new Error(`login failed with ${answer.status}`);
  return (JSON.parse(answer.body.toString()) as { access_token: string }).access_token;
}
