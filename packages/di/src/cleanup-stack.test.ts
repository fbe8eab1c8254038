import { describe, expect, it, vi } from "vitest";
import { CleanupStack } from "./cleanup-stack";
import { CleanupStackError } from "./errors";

describe("CleanupStack", () => {
  it("runs cleanups once, in reverse order, passing the request's error along", async () => {
    const calls: string[] = [];
    const stack = new CleanupStack();
    const error = new Error("handler failed");
    stack.push((e) => void calls.push(`first:${(e as Error | undefined)?.message}`));
    stack.push(async (e) => {
      await Promise.resolve();
      calls.push(`second:${(e as Error | undefined)?.message}`);
    });
    expect(stack.size).toBe(2);
    expect(stack.closed).toBe(false);
    const closing = stack.close(error);
    expect(stack.close()).toBe(closing);
    await closing;
    expect(calls).toEqual(["second:handler failed", "first:handler failed"]);
    expect(stack.size).toBe(0);
    expect(stack.closed).toBe(true);
  });

  it("resolves at once when nothing was registered", async () => {
    await expect(new CleanupStack().close(new Error("ignored"))).resolves.toBeUndefined();
  });

  it("refuses registrations after close()", async () => {
    const stack = new CleanupStack();
    await stack.close();
    expect(() => stack.push(() => {})).toThrow(CleanupStackError);
    expect(() => stack.pushExit({ exit: () => true })).toThrow(/after close/);
  });

  it("lets an exit handler handle the error for the cleanups registered before it", async () => {
    const seen: unknown[] = [];
    const stack = new CleanupStack();
    stack.push((e) => void seen.push(e));
    stack.pushExit({ exit: async () => true });
    stack.push((e) => void seen.push(e));
    const error = new Error("x");
    await stack.close(error);
    expect(seen).toEqual([error, undefined]);
  });

  it("never treats a plain cleanup's normal return as handling the error", async () => {
    const seen: unknown[] = [];
    const stack = new CleanupStack();
    stack.push((e) => void seen.push(e));
    stack.push(() => {});
    stack.push(async () => {});
    const error = new Error("x");
    await stack.close(error);
    expect(seen).toEqual([error]);
  });

  it("runs every cleanup when one throws, then rejects with that error", async () => {
    const calls: string[] = [];
    const stack = new CleanupStack();
    const failure = new Error("cleanup failed");
    stack.push(() => void calls.push("first"));
    stack.push(() => {
      throw failure;
    });
    stack.push(() => void calls.push("last"));
    await expect(stack.close()).rejects.toBe(failure);
    expect(calls).toEqual(["last", "first"]);
  });

  it("collects several failures into an AggregateError; the next cleanups see the latest one", async () => {
    const seen: unknown[] = [];
    const stack = new CleanupStack();
    const one = new Error("one");
    const two = new Error("two");
    stack.push((e) => void seen.push(e));
    stack.push(async () => {
      throw two;
    });
    stack.push(() => {
      throw one;
    });
    const result = await stack.close().catch((error: unknown) => error);
    expect(result).toBeInstanceOf(AggregateError);
    expect((result as AggregateError).errors).toEqual([one, two]);
    expect((result as AggregateError).message).toBe("2 cleanups failed");
    expect(seen).toEqual([two]);
  });

  it("does not count a re-raise of the request's error as a failure", async () => {
    const stack = new CleanupStack();
    const error = new Error("handler failed");
    stack.push((e) => {
      throw e;
    });
    stack.pushExit({
      exit: (e) => {
        throw e;
      },
    });
    await expect(stack.close(error)).resolves.toBeUndefined();
  });

  it("keeps the error an exit handler raises in place of the one it handled", async () => {
    const onError = vi.fn();
    const stack = new CleanupStack({ onError });
    const seen: unknown[] = [];
    const original = new Error("owner error");
    const answer = new Error("answer with 400");
    stack.push((e) => void seen.push(e));
    stack.pushExit({
      exit: () => {
        throw answer;
      },
    });
    await stack.close(original);
    expect(stack.replacement).toBe(answer);
    expect(seen).toEqual([answer]);
    expect(onError).not.toHaveBeenCalled();
    // Without an error to handle, the same throw is a cleanup failure, not a replacement.
    const plain = new CleanupStack({ onError });
    plain.pushExit({
      exit: () => {
        throw answer;
      },
    });
    await plain.close();
    expect(plain.replacement).toBeUndefined();
    expect(onError).toHaveBeenCalledExactlyOnceWith(answer);
  });

  it("passes a function-scope replacement on to the request's cleanups", async () => {
    const stack = new CleanupStack();
    const seen: unknown[] = [];
    const answer = new Error("from the function scope");
    stack.push((e) => void seen.push(e));
    stack.functionScope.pushExit({
      exit: () => {
        throw answer;
      },
    });
    await stack.close(new Error("handler failed"));
    expect(seen).toEqual([answer]);
    expect(stack.replacement).toBe(answer);
  });

  it("reports failures to onError instead of rejecting, when given", async () => {
    const onError = vi.fn();
    const stack = new CleanupStack({ onError });
    const failure = new Error("cleanup failed");
    stack.push(() => {
      throw failure;
    });
    await expect(stack.close()).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledExactlyOnceWith(failure);
  });

  it("gives up on a cleanup that never settles after timeoutMs, and runs the others", async () => {
    vi.useFakeTimers();
    try {
      const calls: string[] = [];
      const onError = vi.fn();
      const stack = new CleanupStack({ onError, timeoutMs: 50 });
      stack.push(() => void calls.push("first"));
      stack.push(() => new Promise<void>(() => {}));
      stack.push(async () => void calls.push("quick"));
      const closing = stack.close();
      await vi.advanceTimersByTimeAsync(50);
      await closing;
      expect(calls).toEqual(["quick", "first"]);
      expect(onError).toHaveBeenCalledOnce();
      expect(onError.mock.calls[0]![0]).toMatchObject({ code: "DI_CLEANUP_TIMEOUT" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects a timeoutMs that is not a positive number", () => {
    expect(() => new CleanupStack({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => new CleanupStack({ timeoutMs: Number.NaN })).toThrow(RangeError);
  });
});
