import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionLock, DatabaseBusyError } from "./connection-lock";

afterEach(() => {
  vi.useRealTimers();
});

describe("ConnectionLock", () => {
  it("hands the connection over in arrival order", async () => {
    const lock = new ConnectionLock();
    const order: string[] = [];
    await lock.acquire();
    const waiters = ["a", "b", "c"].map((name) =>
      lock.acquire().then(() => {
        order.push(name);
        lock.release();
      }),
    );
    expect(lock.waiting).toBe(3);
    lock.release();
    await Promise.all(waiters);
    expect(order).toEqual(["a", "b", "c"]);
    expect(lock.held).toBe(false);
  });

  it("gives up after the timeout with DatabaseBusyError, and forgets the waiter", async () => {
    vi.useFakeTimers();
    const lock = new ConnectionLock({ timeoutMs: 50 });
    await lock.acquire();
    const waiting = lock.acquire();
    const failed = expect(waiting).rejects.toThrow(DatabaseBusyError);
    await vi.advanceTimersByTimeAsync(50);
    await failed;
    expect(lock.waiting).toBe(0);
    lock.release();
    expect(lock.held).toBe(false);
  });

  it("refuses at once past maxWaiting", async () => {
    const lock = new ConnectionLock({ maxWaiting: 1 });
    await lock.acquire();
    const first = lock.acquire();
    await expect(lock.acquire()).rejects.toThrow(/1 callers already waiting/);
    lock.release();
    await first;
    lock.release();
  });
});
