import { CleanupStackError } from "./errors";
import type { Cleanup } from "./types";

/**
 * A cleanup that can handle the request's error, like Python's `__exit__`: returning true means
 * "handled", so cleanups registered before it no longer see the error. Throwing the very error
 * it received means "not handled" (a re-raise), which is not a failure.
 */
export interface ExitHandler {
  exit(error: unknown): boolean | Promise<boolean>;
}

export interface CleanupStackOptions {
  /**
   * Receives each cleanup failure; `close()` then resolves. Without it, `close()` rejects with
   * the single failure or an AggregateError of all of them. Either way every cleanup runs.
   */
  onError?: (error: unknown) => void;
  /** Longest wait for one asynchronous cleanup before it is reported as failed and skipped. */
  timeoutMs?: number;
}

type Entry = Cleanup | ExitHandler;

/**
 * The per-request exit stack: generator providers push their teardown here and `close()` runs
 * everything in reverse order (last registered first), once, also when the request failed.
 */
export class CleanupStack {
  // Allocated on the first push: most requests register nothing.
  #entries: Entry[] | null = null;
  #closed: Promise<void> | null = null;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #timeoutMs: number | undefined;
  #functionScope: CleanupStack | undefined;
  #replacement: unknown;

  constructor(options: CleanupStackOptions = {}) {
    this.#onError = options.onError;
    const timeout = options.timeoutMs;
    if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
      throw new RangeError(`CleanupStack: timeoutMs must be a positive number, got ${timeout}`);
    }
    this.#timeoutMs = timeout;
  }

  /** Registers a cleanup; it receives the error the request ended with (if any) and never handles it. */
  push(cleanup: Cleanup): void {
    this.#add(cleanup);
  }

  /** Registers a cleanup that may handle the request's error (see ExitHandler). */
  pushExit(handler: ExitHandler): void {
    this.#add(handler);
  }

  /** Number of cleanups registered and not yet run. */
  get size(): number {
    return this.#entries === null ? 0 : this.#entries.length;
  }

  /**
   * The cleanups of `Depends(p, { scope: "function" })` uses: the host closes this stack as
   * soon as the handler returns, before the response is sent (FastAPI's `scope="function"`),
   * then the request's own stack after the response. Created on first use.
   */
  get functionScope(): CleanupStack {
    // No onError: a failing function-scope cleanup (a commit that fails) must reach the host
    // as an error while it can still answer 500, not only a log line.
    this.#functionScope ??= new CleanupStack(
      this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs },
    );
    return this.#functionScope;
  }

  /** The function-scope stack if anything registered on it (hosts close it when present). */
  get functionScopeIfUsed(): CleanupStack | undefined {
    return this.#functionScope;
  }

  /**
   * The error an exit handler raised in place of the request's error while handling it (a
   * generator whose `catch` after `yield` throws an HTTPException, as FastAPI allows): the
   * request ends with this one. Undefined when none did; read it once `close()` settled.
   */
  get replacement(): unknown {
    return this.#replacement ?? this.#functionScope?.replacement;
  }

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#closed !== null;
  }

  /**
   * Runs every cleanup in reverse order, passing `error` (the handler's error, if any) along.
   * Idempotent: later calls return the first call's promise.
   */
  close(error?: unknown): Promise<void> {
    if (this.#closed === null) {
      // A host that skipped the function scope still gets it closed first, as nested cleanups.
      // A host that closed the function scope itself has seen its failures already.
      const inner = this.#functionScope;
      this.#closed =
        inner === undefined || inner.closed
          ? this.#runAll(error)
          : inner.close(error).then(
              () => this.#runAll(inner.replacement ?? error),
              // Every cleanup still runs; the inner failure is reported like one of ours.
              (failure: unknown) => this.#runAll(failure).then(() => this.#report([failure])),
            );
    }
    return this.#closed;
  }

  #add(entry: Entry): void {
    if (this.#closed !== null) {
      throw new CleanupStackError(
        "DI_STACK_CLOSED",
        "CleanupStack: cannot register a cleanup after close()",
      );
    }
    if (this.#entries === null) this.#entries = [entry];
    else this.#entries.push(entry);
  }

  async #runAll(error: unknown): Promise<void> {
    const entries = this.#entries;
    this.#entries = null;
    if (entries === null) return;
    let current = error;
    const failures: unknown[] = [];
    for (let i = entries.length - 1; i >= 0; i--) {
      try {
        const handled = await this.#runOne(entries[i]!, current);
        if (handled) current = undefined;
      } catch (thrown) {
        // Re-raising the error it was given is how a generator says "not handled".
        if (current !== undefined && thrown === current) continue;
        // A generator that turns the error it was handling into another one answers with
        // that one: not a cleanup failure (a plain cleanup that throws always is one).
        if (current !== undefined && typeof entries[i] !== "function") this.#replacement = thrown;
        else failures.push(thrown);
        current = thrown;
      }
    }
    this.#report(failures);
  }

  #runOne(entry: Entry, error: unknown): Promise<boolean> | boolean {
    const result =
      typeof entry === "function" ? (entry(error) as unknown) : (entry.exit(error) as unknown);
    if (!isThenable(result)) return typeof entry !== "function" && result === true;
    const settled = Promise.resolve(result).then(
      (value) => typeof entry !== "function" && value === true,
    );
    return this.#timeoutMs === undefined ? settled : withTimeout(settled, this.#timeoutMs);
  }

  #report(failures: unknown[]): void {
    if (failures.length === 0) return;
    if (this.#onError !== undefined) {
      for (const failure of failures) this.#onError(failure);
      return;
    }
    if (failures.length === 1) throw failures[0];
    throw new AggregateError(failures, `${failures.length} cleanups failed`);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CleanupStackError("DI_CLEANUP_TIMEOUT", `A cleanup did not finish within ${ms} ms`),
        ),
      ms,
    );
    // A stuck cleanup must not keep the process alive on its own.
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
