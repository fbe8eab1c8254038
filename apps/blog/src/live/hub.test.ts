import { describe, expect, it } from "vitest";
import { type LiveEvent, PostHub, type Subscriber } from "./hub";

const post = (n: number): LiveEvent => ({ event: "post.published", post: { id: n } });

/** A subscriber whose sends wait until the test releases them. */
function slowSubscriber() {
  const sent: LiveEvent[] = [];
  const drops: string[] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const subscriber: Subscriber = {
    async send(event) {
      await gate;
      sent.push(event);
    },
    drop: (reason) => drops.push(reason),
  };
  return {
    subscriber,
    sent,
    drops,
    open() {
      release();
      gate = Promise.resolve();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("PostHub", () => {
  it("delivers every event to every subscriber, in order", async () => {
    const hub = new PostHub();
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    hub.subscribe({ send: async (e) => void a.push(e), drop: () => {} });
    hub.subscribe({ send: async (e) => void b.push(e), drop: () => {} });
    for (const n of [1, 2, 3]) hub.publish(post(n));
    await settle();
    expect(a).toEqual([post(1), post(2), post(3)]);
    expect(b).toEqual(a);
  });

  it("does not wait for a slow subscriber, and drops it past its queue limit", async () => {
    const hub = new PostHub({ maxQueued: 2 });
    const slow = slowSubscriber();
    const fast: LiveEvent[] = [];
    hub.subscribe(slow.subscriber);
    hub.subscribe({ send: async (e) => void fast.push(e), drop: () => {} });
    hub.publish(post(1)); // taken by the pending send
    hub.publish(post(2));
    hub.publish(post(3)); // queue: 2, 3
    await settle();
    expect(fast).toHaveLength(3);
    expect(slow.drops).toEqual([]);
    hub.publish(post(4)); // a third queued event: too slow
    expect(slow.drops).toEqual(["too slow to keep up"]);
    expect(hub.size).toBe(1);
    slow.open();
    await settle();
    expect(slow.sent).toEqual([post(1)]); // nothing more once dropped
  });

  it("drops a subscriber whose send fails", async () => {
    const hub = new PostHub();
    const drops: string[] = [];
    hub.subscribe({
      send: async () => {
        throw new Error("socket gone");
      },
      drop: (reason) => drops.push(reason),
    });
    hub.publish(post(1));
    await settle();
    expect(drops).toEqual(["send failed"]);
    expect(hub.size).toBe(0);
  });

  it("refuses subscribers past the limit; unsubscribe frees a place and stops delivery", async () => {
    const hub = new PostHub({ maxSubscribers: 1 });
    const got: LiveEvent[] = [];
    const first = hub.subscribe({ send: async (e) => void got.push(e), drop: () => {} });
    expect(hub.subscribe({ send: async () => {}, drop: () => {} })).toBeNull();
    first?.unsubscribe();
    hub.publish(post(1));
    await settle();
    expect(got).toEqual([]);
    expect(hub.subscribe({ send: async () => {}, drop: () => {} })).not.toBeNull();
  });

  it("delivers a direct event in line with published ones", async () => {
    const hub = new PostHub();
    const got: LiveEvent[] = [];
    const subscription = hub.subscribe({ send: async (e) => void got.push(e), drop: () => {} });
    subscription?.deliver({ event: "ready", user_id: 7 });
    hub.publish(post(1));
    await settle();
    expect(got).toEqual([{ event: "ready", user_id: 7 }, post(1)]);
  });
});
