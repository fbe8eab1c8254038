import type { Middleware, Send } from "@typhoon/server";

const TIMEOUT_BODY = Buffer.from(JSON.stringify({ detail: "Gateway Timeout" }));
const TIMEOUT_HEADERS: [string, string][] = [
  ["content-type", "application/json"],
  ["content-length", String(TIMEOUT_BODY.length)],
];

interface Pending {
  readonly since: number;
  readonly send: Send;
  /** `waiting` until the app starts its response; `late` once we answered 504 in its place. */
  state: "waiting" | "started" | "late";
}

/**
 * Answers `504 {"detail": "Gateway Timeout"}` when the app has not started its response
 * within `ms` (a handler or dependency that never settles must not hold the client forever).
 * The late work cannot be cancelled: its sends are dropped, its failure is ignored, and its
 * cleanups run if it ever settles. Once a response has started (a stream, SSE) no deadline
 * applies.
 */
export function responseTimeout(ms: number): Middleware {
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new RangeError(`responseTimeout: ms must be a positive number, got ${ms}`);
  }
  // One sweep timer for all requests instead of a timer per request: the hot path pays a Set
  // insertion and deletion only.
  const pending = new Set<Pending>();
  let sweeper: NodeJS.Timeout | undefined;
  const sweep = () => {
    const now = Date.now();
    for (const entry of pending) {
      if (now - entry.since < ms) continue;
      pending.delete(entry);
      entry.state = "late";
      void answer(entry.send);
    }
    if (pending.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
  return (app) => async (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    const entry: Pending = { since: Date.now(), send, state: "waiting" };
    pending.add(entry);
    if (sweeper === undefined) {
      sweeper = setInterval(sweep, Math.max(10, Math.min(1000, ms / 4)));
      sweeper.unref(); // a deadline alone must not keep the process alive
    }
    try {
      await app(scope, receive, (message) => {
        if (entry.state === "late") return Promise.resolve(); // the client has its 504
        if (entry.state === "waiting" && message.type === "http.response.start") {
          entry.state = "started";
          pending.delete(entry);
        }
        return send(message);
      });
    } catch (error) {
      if (entry.state !== "late") throw error; // nobody listens for a late failure
    } finally {
      pending.delete(entry);
    }
  };
}

async function answer(send: Send): Promise<void> {
  try {
    await send({ type: "http.response.start", status: 504, headers: TIMEOUT_HEADERS });
    await send({ type: "http.response.body", body: TIMEOUT_BODY });
  } catch {
    // The client is gone: nothing to answer.
  }
}
