/**
 * ASGI middleware of the test app (not framework features): a request id on every request,
 * and a per-request deadline — Typhoon has no handler timeout of its own, so an app that
 * wants one wraps itself like this.
 */
import type { Middleware, Send } from "@typhoon/server";

const TOKEN = /^[A-Za-z0-9._-]{1,64}$/;

/** `scope.state.requestId` from a sane `X-Request-Id`, or a new one; echoed on the response. */
export function requestIdMiddleware(): Middleware {
  let next = 0;
  return (app) => (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    const sent = scope.headers.find(([name]) => name === "x-request-id")?.[1];
    const id = sent !== undefined && TOKEN.test(sent) ? sent : `req-${++next}`;
    scope.state.requestId = id;
    return app(scope, receive, (message) => {
      if (message.type !== "http.response.start") return send(message);
      return send({ ...message, headers: [...(message.headers ?? []), ["x-request-id", id]] });
    });
  };
}

const TIMEOUT_BODY = Buffer.from(JSON.stringify({ detail: "Gateway Timeout" }));

/**
 * Answers 504 when the inner app has not started its response within `ms`; its late sends
 * are dropped (it cannot be cancelled). Once the response is complete, work after it
 * (background tasks, cleanups) runs without a deadline.
 */
export function timeoutMiddleware(ms: number): Middleware {
  return (app) => async (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    let started = false;
    let complete = false;
    let abandoned = false;
    const guarded: Send = (message) => {
      if (abandoned) return Promise.resolve();
      if (message.type === "http.response.start") started = true;
      if (message.type === "http.response.body" && message.more_body !== true) complete = true;
      return send(message);
    };
    const call = app(scope, receive, guarded);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), ms);
    });
    const outcome = await Promise.race([call.then(() => "done" as const), deadline]).finally(() =>
      clearTimeout(timer),
    );
    if (outcome === "done") return;
    if (complete) return call; // answered in time: let the work after the response finish
    abandoned = true;
    call.catch(() => {}); // it may still fail later; nobody is listening any more
    if (started) throw new Error(`response not completed within ${ms} ms`); // the server cuts it
    await send({
      type: "http.response.start",
      status: 504,
      headers: [
        ["content-type", "application/json"],
        ["content-length", String(TIMEOUT_BODY.length)],
      ],
    });
    await send({ type: "http.response.body", body: TIMEOUT_BODY });
  };
}
