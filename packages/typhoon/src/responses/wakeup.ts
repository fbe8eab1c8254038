/**
 * One waiter woken by whichever event comes first (a chunk is ready, the client left, a
 * keep-alive is due). Unlike `Promise.race` over long-lived promises, nothing accumulates
 * per wait: a stream of a million events leaves no million reactions behind.
 */
export class Wakeup<T> {
  #resolve: ((reason: T) => void) | null = null;

  wait(): Promise<T> {
    return new Promise<T>((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Wakes the current waiter; with nobody waiting the event is dropped (callers keep flags). */
  wake(reason: T): void {
    const resolve = this.#resolve;
    this.#resolve = null;
    resolve?.(reason);
  }
}

/** Calls `onTick` every `ms` until stopped; never keeps the process alive on its own. */
export class Ticker {
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(ms: number, onTick: () => void) {
    this.#timer = setInterval(onTick, ms);
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
