/** Bounded waiting for the socket suites. */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits (bounded) until `test()` holds. */
export async function eventually(test: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

/**
 * Conditions waited on by event instead of polling: `until` resolves once `test()` holds,
 * re-checked on every `notify()` (call it whenever the state changed), or rejects after
 * `timeoutMs` with `progress()` in the message.
 */
export class Waiters {
  #pending = new Set<() => void>();

  until(test: () => boolean, timeoutMs: number, progress: () => string): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.#pending.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#pending.delete(check);
        reject(new Error(`Timed out; ${progress()}`));
      }, timeoutMs);
      this.#pending.add(check);
    });
  }

  notify(): void {
    for (const check of [...this.#pending]) check(); // a check may remove itself
  }
}
