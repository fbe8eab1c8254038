import type { Receive, Send } from "@typhoon/server";
import { DisconnectWatch } from "./disconnect";
import type { Puller } from "./source";
import { Ticker, Wakeup } from "./wakeup";

export interface PumpOptions<T> {
  send: Send;
  /** Bytes for one item; `null` sends nothing for it. */
  encode(item: T): Uint8Array | null;
  /** With it, a client disconnect stops the pump (and the source) even mid-wait. */
  receive?: Receive | undefined;
  /** Sent every `intervalMs` (SSE keep-alive comments) while the stream stays open. */
  heartbeat?: { intervalMs: number; bytes: Uint8Array } | undefined;
}

const READY = 0;
const LEFT = 1;
const BEAT = 2;
type Reason = typeof READY | typeof LEFT | typeof BEAT;
type Settled<T> = { ok: true; result: IteratorResult<T> } | { ok: false; error: unknown };

const EMPTY = new Uint8Array(0);

/**
 * Streams a source as `http.response.body` messages (the head must already be sent): one
 * chunk pulled at a time, each send awaited (backpressure), then the final empty message.
 * A client disconnect ends it and stops the source: a generator's `finally` runs (awaited
 * when it sits at a `yield`; requested when it is mid-`await`, so it runs at its next yield).
 */
export async function pump<T>(source: Puller<T>, options: PumpOptions<T>): Promise<void> {
  const { send, encode } = options;
  const wakeup = new Wakeup<Reason>();
  const watch =
    options.receive === undefined
      ? null
      : new DisconnectWatch(options.receive, () => wakeup.wake(LEFT));
  const beat = options.heartbeat;
  const ticker = beat === undefined ? null : new Ticker(beat.intervalMs, () => wakeup.wake(BEAT));
  // A holder, not a `let`: the pull's callbacks fill it, which flow analysis cannot see.
  const slot: { settled: Settled<T> | null } = { settled: null };
  let pulling = false; // a next() is in flight
  let ended = false; // the source finished or failed: nothing left to stop
  try {
    // Bounded by the source: each turn sends one chunk or one keep-alive, or ends.
    for (;;) {
      if (watch?.disconnected) return;
      if (slot.settled === null && !pulling) {
        let next: IteratorResult<T> | Promise<IteratorResult<T>>;
        try {
          next = source.next();
        } catch (error) {
          ended = true;
          throw error;
        }
        if (next instanceof Promise) {
          pulling = true;
          next.then(
            (result) => {
              slot.settled = { ok: true, result };
              wakeup.wake(READY);
            },
            (error: unknown) => {
              slot.settled = { ok: false, error };
              wakeup.wake(READY);
            },
          );
        } else {
          slot.settled = { ok: true, result: next };
        }
      }
      const settled = slot.settled;
      if (settled === null) {
        if ((await wakeup.wait()) === BEAT && beat !== undefined) {
          await send({ type: "http.response.body", body: beat.bytes, more_body: true });
        }
        continue;
      }
      slot.settled = null;
      pulling = false;
      if (!settled.ok) {
        ended = true;
        throw settled.error;
      }
      if (settled.result.done) {
        ended = true;
        break;
      }
      const bytes = encode(settled.result.value);
      if (bytes !== null) await send({ type: "http.response.body", body: bytes, more_body: true });
    }
    await send({ type: "http.response.body", body: EMPTY, more_body: false });
  } finally {
    ticker?.stop();
    if (!ended) await stop(source, pulling);
  }
}

async function stop(source: Puller<unknown>, pulling: boolean): Promise<void> {
  if (!pulling) {
    await source.close();
    return;
  }
  // The source is mid-`await`: an async generator queues the return until its next yield,
  // which may never come; waiting here would pin the request, so the stop is only requested.
  try {
    void Promise.resolve(source.close()).catch(noop);
  } catch {
    // a close that throws at once has nothing left to stop
  }
}

function noop(): void {}
