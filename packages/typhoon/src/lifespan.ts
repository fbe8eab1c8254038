import type { LifespanScope, Logger, Receive, Send } from "@typhoon/server";

/**
 * The app's lifespan: code before `yield` runs at startup, after it at shutdown. A yielded
 * object is merged into the lifespan state, which every request sees as `request.state`.
 */
export type LifespanHandler<A> = (
  app: A,
) => AsyncGenerator<Record<string, unknown> | undefined | void, void, void>;

export type Hook = () => unknown;

export interface LifespanParts<A> {
  readonly app: A;
  readonly handler: LifespanHandler<A> | undefined;
  readonly onStartup: readonly Hook[];
  readonly onShutdown: readonly Hook[];
  /** Plans the routes: a bad declaration fails the startup. */
  readonly build: () => void;
  readonly logger: Logger;
}

/** Speaks the lifespan protocol for the app: startup hooks, then the handler, then shutdown. */
export async function runLifespan<A>(
  parts: LifespanParts<A>,
  scope: LifespanScope,
  receive: Receive,
  send: Send,
): Promise<void> {
  let generator: AsyncGenerator<Record<string, unknown> | undefined | void, void, void> | undefined;
  for (;;) {
    const message = await receive();
    if (message.type === "lifespan.startup") {
      try {
        parts.build();
        for (const hook of parts.onStartup) await hook();
        if (parts.handler !== undefined) {
          generator = parts.handler(parts.app);
          const first = await generator.next();
          if (first.done) generator = undefined;
          else if (first.value) Object.assign(scope.state, first.value);
        }
      } catch (error) {
        parts.logger.error("Application startup failed", error);
        await send({ type: "lifespan.startup.failed", message: describe(error) });
        return;
      }
      await send({ type: "lifespan.startup.complete" });
    } else if (message.type === "lifespan.shutdown") {
      try {
        if (generator !== undefined) await generator.next();
        for (const hook of parts.onShutdown) await hook();
      } catch (error) {
        parts.logger.error("Application shutdown failed", error);
        await send({ type: "lifespan.shutdown.failed", message: describe(error) });
        return;
      }
      await send({ type: "lifespan.shutdown.complete" });
      return;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
