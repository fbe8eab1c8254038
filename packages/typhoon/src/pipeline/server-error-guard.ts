import type { HTTPScope, Logger, Send, ServerApp } from "@typhoon/server";
import { PlainTextResponse } from "../http/responses";

/**
 * Starlette's ServerErrorMiddleware: outside every user middleware, an error that escaped
 * them is logged through the app's logger and answered with a bare 500 if nothing was sent
 * yet; after the response started, it is rethrown so the server cuts the connection.
 */
export function serverErrorGuard(app: ServerApp, logger: Logger): ServerApp {
  return (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    const watched = new WatchedSend(send, scope, logger);
    let done: Promise<void>;
    try {
      done = app(scope, receive, watched.send);
    } catch (error) {
      return watched.failed(error);
    }
    // Only a failure needs the guard: no async frame of its own on the way through.
    return Promise.resolve(done).then(undefined, watched.failed);
  };
}

/** The host's send, noting whether the response started; and the answer to a failure. */
class WatchedSend {
  #started = false;
  readonly #send: Send;
  readonly #scope: HTTPScope;
  readonly #logger: Logger;

  constructor(send: Send, scope: HTTPScope, logger: Logger) {
    this.#send = send;
    this.#scope = scope;
    this.#logger = logger;
  }

  readonly send: Send = (message) => {
    if (message.type === "http.response.start") this.#started = true;
    return this.#send(message);
  };

  readonly failed = async (error: unknown): Promise<void> => {
    const scope = this.#scope;
    this.#logger.error(`Error handling ${scope.method} ${scope.path}`, error);
    if (this.#started) throw error;
    await new PlainTextResponse("Internal Server Error", { status: 500 }).send(
      this.#send,
      scope.method,
    );
  };
}
