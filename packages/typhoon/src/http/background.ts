import type { Logger } from "@typhoon/server";

type Task = () => unknown;

/**
 * Work to run after the response is sent, in the order added (FastAPI's BackgroundTasks).
 * Ask for it with `params: { tasks: BackgroundTasks }`. A task that throws is logged and
 * the next one still runs; the server waits for them before a graceful shutdown completes.
 */
export class BackgroundTasks {
  /** Phantom type so `params: { tasks: BackgroundTasks }` injects the request's task list. */
  declare static readonly "~output"?: { readonly type: BackgroundTasks };

  readonly #tasks: Task[] = [];

  add<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    this.#tasks.push(() => fn(...args));
  }

  get size(): number {
    return this.#tasks.length;
  }

  /** Runs every task in order; failures are logged, never thrown. */
  async run(logger: Logger): Promise<void> {
    // Tasks may add tasks; the index loop picks them up (bounded by what the app adds).
    for (let i = 0; i < this.#tasks.length; i++) {
      try {
        await this.#tasks[i]!();
      } catch (error) {
        logger.error("Background task failed", error);
      }
    }
  }
}
