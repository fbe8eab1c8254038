import { describe, expect, it } from "vitest";
import { BodyChannel } from "./body-channel";

const bytes = (text: string) => new TextEncoder().encode(text);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("BodyChannel", () => {
  it("releases a push only when the consumer comes back for the next chunk", async () => {
    const channel = new BodyChannel();
    let released = false;
    const first = channel.push(bytes("a"), true).then(() => {
      released = true;
    });
    const chunk = await channel.next();
    expect(chunk?.body).toEqual(bytes("a"));
    await tick();
    expect(released).toBe(false); // still being forwarded
    const second = channel.push(bytes("b"), false);
    expect((await channel.next())?.more).toBe(false);
    await first;
    expect(released).toBe(true);
    channel.close();
    await second;
    expect(await channel.next()).toBeNull();
  });

  it("hands the producer's error to the consumer, once seen it is not reported again", async () => {
    const channel = new BodyChannel();
    const failure = new Error("boom");
    channel.finish(failure);
    expect(channel.unseenFailure?.error).toBe(failure);
    await expect(channel.next()).rejects.toBe(failure);
    expect(channel.unseenFailure).toBeUndefined();
  });

  it("treats a producer that returns before its final chunk as a failure", async () => {
    const channel = new BodyChannel();
    void channel.push(bytes("partial"), true);
    channel.finish();
    expect((await channel.next())?.body).toEqual(bytes("partial"));
    await expect(channel.next()).rejects.toThrow(/before finishing/);
  });

  it("drops pushes after close and releases waiting producers", async () => {
    const channel = new BodyChannel();
    const waiting = channel.push(bytes("x"), true);
    channel.close();
    await waiting;
    await channel.push(bytes("y"), false);
    expect(await channel.next()).toBeNull();
  });
});
