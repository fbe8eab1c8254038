/** Thrown when the single embedded connection stays busy longer than the wait allows. */
export class DatabaseBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseBusyError";
  }
}

export interface ConnectionLockOptions {
  /** Longest wait for the connection, in ms (default 10 s). */
  timeoutMs?: number;
  /** Most callers allowed to wait at once (default 1000); past it, callers fail at once. */
  maxWaiting?: number;
}

/**
 * A FIFO lock over one connection. PGlite is a single PostgreSQL session: a transaction must
 * own it from BEGIN to COMMIT, or another request's statements would run inside it.
 */
export class ConnectionLock {
  readonly #timeoutMs: number;
  readonly #maxWaiting: number;
  readonly #waiting: Array<{ grant: () => void }> = [];
  #held = false;

  constructor(options: ConnectionLockOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxWaiting = options.maxWaiting ?? 1000;
  }

  get held(): boolean {
    return this.#held;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.#maxWaiting) {
      return Promise.reject(
        new DatabaseBusyError(`database busy: ${this.#waiting.length} callers already waiting`),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const index = this.#waiting.indexOf(waiter);
        if (index !== -1) this.#waiting.splice(index, 1);
        reject(new DatabaseBusyError(`database busy: no connection within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      this.#waiting.push(waiter);
    });
  }

  /** Hands the connection to the next waiter, or frees it. */
  release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#held = false;
    else next.grant();
  }
}
