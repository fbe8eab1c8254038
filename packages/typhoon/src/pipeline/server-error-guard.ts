import {
  type HTTPScope,
  type Logger,
  type Receive,
  reportServerError,
  type Send,
  type ServerApp,
} from "@typhoon/server";
import { INTERNAL_SERVER_ERROR } from "../http/responses";

/**
 * Starlette's ServerErrorMiddleware: outside every user middleware, an error that escaped
 * them is logged through the app's logger and answered with a bare 500 if nothing was sent
 * yet; after the response started, it is rethrown so the server cuts the connection.
 */
export function serverErrorGuard(app: ServerApp, logger: Logger): ServerApp {
  return (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    const watched = new WatchedSend(scope, receive, send, logger);
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
  readonly #scope: HTTPScope;
  readonly #receive: Receive;
  readonly #send: Send;
  readonly #logger: Logger;

  constructor(scope: HTTPScope, receive: Receive, send: Send, logger: Logger) {
    this.#scope = scope;
    this.#receive = receive;
    this.#send = send;
    this.#logger = logger;
  }

  readonly send: Send = (message) => {
    if (message.type === "http.response.start") this.#started = true;
    return this.#send(message);
  };

  readonly failed = async (error: unknown): Promise<void> => {
    const scope = this.#scope;
    this.#logger.error(`Error handling ${scope.method} ${scope.path}`, error);
    reportServerError(scope, error);
    if (this.#started) throw error;
    await INTERNAL_SERVER_ERROR.respond(scope, this.#receive, this.#send);
  };
}
