import type { Logger } from "../logger";
import { ASGI } from "../node/scope";
import type { LifespanScope, ReceiveMessage, SendMessage, ServerApp, State } from "../types";

/**
 * `"auto"` (uvicorn's default): an app that throws before sending anything on the lifespan
 * scope does not speak lifespan, and startup goes on without it. `"on"`: that throw is a
 * startup error. `"off"`: the app is never called with a lifespan scope.
 */
export type LifespanMode = "auto" | "on" | "off";

export interface LifespanOptions {
  /** The object the app fills at startup; hosts copy it into every later scope. */
  state?: State;
  mode?: LifespanMode;
  logger?: Logger;
}

export interface Lifespan {
  readonly state: State;
  /** Sends `lifespan.shutdown` and waits for complete/failed; idempotent. */
  shutdown(): Promise<void>;
}

/** The app answered `lifespan.*.failed`, or (mode `"on"`) threw during the lifespan. */
export class LifespanError extends Error {
  readonly phase: "startup" | "shutdown";
  constructor(phase: "startup" | "shutdown", message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LifespanError";
    this.phase = phase;
  }
}

/**
 * Runs the app's lifespan: resolves once it answered `lifespan.startup.complete`, rejects with
 * a `LifespanError` on `lifespan.startup.failed` (or the app's own error in mode `"on"`).
 */
export async function startLifespan(
  app: ServerApp,
  options: LifespanOptions = {},
): Promise<Lifespan> {
  const state = options.state ?? {};
  if (options.mode === "off") return { state, shutdown: () => Promise.resolve() };
  const session = new LifespanSession(app, state, options.mode ?? "auto", options.logger);
  await session.startup;
  return { state, shutdown: () => session.shutdown() };
}

type Phase = "starting" | "started" | "stopping" | "done";

/** One app call on a lifespan scope and the two handshakes (startup, shutdown) it makes. */
class LifespanSession {
  readonly startup: Promise<void>;
  #phase: Phase = "starting";
  #sentAnything = false;
  #receives = 0;
  #startup = deferred();
  #shutdownRequested = deferred();
  #shutdown: ReturnType<typeof deferred> | null = null;

  constructor(
    app: ServerApp,
    state: State,
    private readonly mode: "auto" | "on",
    private readonly logger: Logger | undefined,
  ) {
    this.startup = this.#startup.promise;
    const scope: LifespanScope = { type: "lifespan", asgi: ASGI, state };
    // Through a microtask so that a synchronous throw takes the same path as a rejection.
    Promise.resolve()
      .then(() => app(scope, this.#receive, this.#send))
      .then(
        () => this.#appReturned(),
        (error: unknown) => this.#appThrew(error),
      );
  }

  shutdown(): Promise<void> {
    if (this.#shutdown) return this.#shutdown.promise;
    this.#shutdown = deferred();
    if (this.#phase === "started") {
      this.#phase = "stopping";
      this.#shutdownRequested.resolve();
    } else {
      this.#shutdown.resolve(); // the app never started or already returned: nothing to stop
    }
    return this.#shutdown.promise;
  }

  #receive = (): Promise<ReceiveMessage> => {
    const n = this.#receives++;
    if (n === 0) return Promise.resolve({ type: "lifespan.startup" });
    if (n === 1) {
      return this.#shutdownRequested.promise.then(() => ({ type: "lifespan.shutdown" }) as const);
    }
    return new Promise<never>(() => {}); // ASGI: nothing follows shutdown
  };

  #send = (message: SendMessage): Promise<void> => {
    this.#sentAnything = true;
    const type = message.type;
    if (type === "lifespan.startup.complete" || type === "lifespan.startup.failed") {
      if (this.#phase !== "starting") return outOfOrder(type);
      if (type === "lifespan.startup.complete") {
        this.#phase = "started";
        this.#startup.resolve();
      } else {
        this.#phase = "done";
        this.#startup.reject(
          new LifespanError("startup", message.message || "Lifespan startup failed"),
        );
      }
      return Promise.resolve();
    }
    if (type === "lifespan.shutdown.complete" || type === "lifespan.shutdown.failed") {
      if (this.#phase !== "stopping") return outOfOrder(type);
      this.#phase = "done";
      if (type === "lifespan.shutdown.complete") this.#shutdown?.resolve();
      else
        this.#shutdown?.reject(
          new LifespanError("shutdown", message.message || "Lifespan shutdown failed"),
        );
      return Promise.resolve();
    }
    return Promise.reject(new TypeError(`Message type "${type}" is not valid on a lifespan scope`));
  };

  #appReturned(): void {
    // Returning is a quiet "nothing (more) to do": startup or shutdown counts as complete.
    const phase = this.#phase;
    this.#phase = "done";
    if (phase === "starting") this.#startup.resolve();
    else if (phase === "stopping") this.#shutdown?.resolve();
  }

  #appThrew(error: unknown): void {
    const phase = this.#phase;
    this.#phase = "done";
    if (phase === "starting") {
      if (this.mode === "auto" && !this.#sentAnything) {
        this.logger?.debug?.(
          `Lifespan skipped: the app threw before answering lifespan.startup (${describe(error)})`,
        );
        this.#startup.resolve();
      } else {
        this.#startup.reject(new LifespanError("startup", describe(error), { cause: error }));
      }
    } else if (phase === "stopping") {
      this.#shutdown?.reject(new LifespanError("shutdown", describe(error), { cause: error }));
    } else if (phase === "started") {
      this.logger?.error("Lifespan app failed while running", error);
    }
  }
}

function outOfOrder(type: string): Promise<never> {
  return Promise.reject(new Error(`Lifespan message "${type}" sent out of order`));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failure nobody awaited yet must not become an unhandled rejection; awaiters still see it.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
