import type { Logger, ServerApp } from "@typhoon/server";
import * as v from "valibot";
import { HTTPException, Query, Response, Typhoon } from "../../src/index";

/** A logger that keeps what it is told, so expected errors do not clutter the test output. */
export function recordingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, info() {}, warn() {}, error: (_message, error) => errors.push(error) };
}

/** The apps/reference/SPEC.md §1.2 CORS configuration. */
export const SPEC_CORS = {
  allowOrigins: ["https://allowed.example"],
  allowMethods: ["GET", "POST", "PUT"],
  allowHeaders: ["X-Custom", "Content-Type"],
  allowCredentials: true,
  exposeHeaders: ["X-Request-Id"],
  maxAge: 600,
} as const;

/** A small app with the reference app's `/large` route and a few others for middleware tests. */
export function referenceLikeApp(): Typhoon {
  const app = new Typhoon({ logger: recordingLogger() });
  app.get("/items", () => ({ items: ["a", "b"] }));
  app.post("/items", () => ({ created: true }));
  app.get(
    "/large",
    { params: { count: Query(v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 300)) } },
    ({ count }) => ({
      count,
      rows: Array.from({ length: count }, (_, i) => ({
        index: i,
        label: `row-${String(i).padStart(4, "0")}`,
      })),
    }),
  );
  app.get("/teapot", () => {
    throw new HTTPException(418, "I'm a teapot");
  });
  app.get("/vary-cookie", () => new Response("x".repeat(2000), { headers: { vary: "Cookie" } }));
  return app;
}

/** A raw app that sends `chunks` as a streamed body, calling `beforeChunk` before each one. */
export function streamingApp(
  chunks: readonly string[],
  options: {
    contentType?: string;
    beforeChunk?: (index: number) => Promise<void> | void;
    onSent?: (index: number) => void;
  } = {},
): ServerApp {
  const encoder = new TextEncoder();
  return async (scope, _receive, send) => {
    if (scope.type !== "http") return;
    await send({
      type: "http.response.start",
      status: 200,
      headers: [["content-type", options.contentType ?? "text/plain; charset=utf-8"]],
    });
    for (let i = 0; i < chunks.length; i++) {
      await options.beforeChunk?.(i);
      await send({ type: "http.response.body", body: encoder.encode(chunks[i]), more_body: true });
      options.onSent?.(i);
    }
    await send({ type: "http.response.body", body: new Uint8Array(0) });
  };
}

/** A promise with its resolver outside, for lock-step tests (no sleeps). */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Fails instead of hanging when a lock-step never advances (a buffering middleware). */
export function withDeadlock<T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stuck waiting for ${what}`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}
