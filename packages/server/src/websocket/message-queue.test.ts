import { describe, expect, it } from "vitest";
import { MessageQueue } from "./message-queue";

describe("MessageQueue", () => {
  it("hands items out in order, to waiting and to later pulls", async () => {
    const queue = new MessageQueue<number>();
    const early = queue.shift();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(await early).toBe(1);
    expect(await queue.shift()).toBe(2);
    expect(await queue.shift()).toBe(3);
  });

  it("delivers queued items before the final one, then the final one forever", async () => {
    const queue = new MessageQueue<string>();
    queue.push("a");
    queue.end("end");
    queue.push("ignored after end");
    expect(await queue.shift()).toBe("a");
    expect(await queue.shift()).toBe("end");
    expect(await queue.shift()).toBe("end");
  });

  it("wakes every waiter when it ends empty", async () => {
    const queue = new MessageQueue<string>();
    const waiting = [queue.shift(), queue.shift()];
    queue.end("end");
    expect(await Promise.all(waiting)).toEqual(["end", "end"]);
  });

  it("asks to pause past the high-water mark and to resume once drained to the low one", async () => {
    const events: string[] = [];
    const queue = new MessageQueue<number>({
      highWater: 4,
      lowWater: 1,
      onPause: () => events.push(`pause@${queue.size}`),
      onResume: () => events.push(`resume@${queue.size}`),
    });
    for (let i = 0; i < 8; i++) queue.push(i);
    expect(events).toEqual(["pause@5"]); // once, not on every push above the mark
    const read: number[] = [];
    for (let i = 0; i < 8; i++) read.push(await queue.shift());
    expect(read).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(events).toEqual(["pause@5", "resume@1"]);
  });

  it("keeps order across its internal compaction", async () => {
    const queue = new MessageQueue<number>({ highWater: 10_000 });
    for (let i = 0; i < 3000; i++) queue.push(i);
    for (let i = 0; i < 2500; i++) expect(await queue.shift()).toBe(i);
    for (let i = 3000; i < 3100; i++) queue.push(i);
    for (let i = 2500; i < 3100; i++) expect(await queue.shift()).toBe(i);
    expect(queue.size).toBe(0);
  });
});
