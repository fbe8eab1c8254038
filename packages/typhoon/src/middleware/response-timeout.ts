import type { Middleware } from "@typhoon/server";
import { Deadlines } from "../pipeline/deadlines";

const RESOLVED = Promise.resolve();

/**
 * Answers `504 {"detail": "Gateway Timeout"}` when the app has not started its response
 * within `ms` (a handler or dependency that never settles must not hold the client forever).
 * The late work cannot be cancelled: its sends are dropped, its failure is ignored, and its
 * cleanups run if it ever settles. Once a response has started (a stream, SSE) no deadline
 * applies.
 *
 * A Typhoon app enforces its own `responseTimeout` option inside its routes (no wrapping of
 * every request); this middleware is for any other ServerApp, or a deadline around middleware.
 */
export function responseTimeout(ms: number): Middleware {
  return guardDeadline(new Deadlines(ms));
}

/** `responseTimeout` on a deadline list the caller owns (an app shares its own with mounts). */
export function guardDeadline(deadlines: Deadlines): Middleware {
  return (app) => async (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    const deadline = deadlines.watch(send);
    try {
      await app(scope, receive, (message) => {
        if (deadline.late) return RESOLVED; // the client has its 504
        if (message.type === "http.response.start" && !deadline.start()) return RESOLVED;
        return send(message);
      });
    } catch (error) {
      if (!deadline.late) throw error; // nobody listens for a late failure
    } finally {
      deadline.stop();
    }
  };
}
