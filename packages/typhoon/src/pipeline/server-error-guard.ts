import type { Logger, ServerApp } from "@typhoon/server";
import { PlainTextResponse } from "../http/responses";

/**
 * Starlette's ServerErrorMiddleware: outside every user middleware, an error that escaped
 * them is logged through the app's logger and answered with a bare 500 if nothing was sent
 * yet; after the response started, it is rethrown so the server cuts the connection.
 */
export function serverErrorGuard(app: ServerApp, logger: Logger): ServerApp {
  return async (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    let started = false;
    try {
      await app(scope, receive, (message) => {
        if (message.type === "http.response.start") started = true;
        return send(message);
      });
    } catch (error) {
      logger.error(`Error handling ${scope.method} ${scope.path}`, error);
      if (started) throw error;
      await new PlainTextResponse("Internal Server Error", { status: 500 }).send(
        send,
        scope.method,
      );
    }
  };
}
