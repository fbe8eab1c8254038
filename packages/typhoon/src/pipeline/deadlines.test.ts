import type { SendMessage } from "@typhoon/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Deadlines } from "./deadlines";

function recorder() {
  const sent: SendMessage[] = [];
  const send = (message: SendMessage) => {
    sent.push(message);
    return Promise.resolve();
  };
  return { sent, send };
}

describe("Deadlines", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refuses a deadline that is not a positive number", () => {
    for (const ms of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new Deadlines(ms)).toThrow(RangeError);
    }
  });

  it("answers 504 for the requests past their time, oldest first, and leaves the rest", async () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines(100);
    const first = recorder();
    const second = recorder();
    const a = deadlines.watch(first.send);
    vi.advanceTimersByTime(60);
    const b = deadlines.watch(second.send);
    expect(deadlines.size).toBe(2);
    vi.advanceTimersByTime(60); // a is 120 ms old, b 60 ms
    await Promise.resolve();
    expect(a.late).toBe(true);
    expect(first.sent.map((m) => m.type)).toEqual(["http.response.start", "http.response.body"]);
    expect((first.sent[0] as { status: number }).status).toBe(504);
    expect(b.late).toBe(false);
    expect(second.sent).toEqual([]);
    expect(a.start()).toBe(false); // the route must drop its own response
    expect(b.start()).toBe(true);
    expect(deadlines.size).toBe(0);
  });

  it("forgets a request once its response started, wherever it sits in the list", () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines(50);
    const sends = [recorder(), recorder(), recorder()];
    const entries = sends.map((r) => deadlines.watch(r.send));
    expect(entries[1]?.start()).toBe(true);
    expect(entries[1]?.start()).toBe(true); // idempotent
    entries[0]?.stop();
    expect(deadlines.size).toBe(1);
    entries[2]?.start();
    expect(deadlines.size).toBe(0);
    vi.advanceTimersByTime(500);
    expect(sends.every((r) => r.sent.length === 0)).toBe(true);
  });

  it("runs its sweep timer only while a request waits", () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines(40);
    const entry = deadlines.watch(recorder().send);
    expect(vi.getTimerCount()).toBe(1);
    entry.start();
    vi.advanceTimersByTime(20); // the next sweep finds nobody and stops
    expect(vi.getTimerCount()).toBe(0);
  });

  it("survives a send that fails (the client is gone)", async () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines(10);
    const entry = deadlines.watch(() => Promise.reject(new Error("gone")));
    vi.advanceTimersByTime(30);
    await Promise.resolve();
    expect(entry.late).toBe(true);
    expect(deadlines.size).toBe(0);
  });
});
