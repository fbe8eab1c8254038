/** One body chunk handed from the app below to whoever forwards the captured response. */
export interface BodyChunk {
  readonly body: Uint8Array;
  readonly more: boolean;
}

interface Queued extends BodyChunk {
  readonly release: () => void;
}

/**
 * A hand-over of response body chunks with backpressure: the producer's `push` settles only
 * when the consumer comes back for the next chunk (so the previous one was forwarded), or
 * when the consumer has gone away. Nothing is buffered beyond what the producer failed to
 * await.
 */
export class BodyChannel {
  #queue: Queued[] = [];
  #inFlight: (() => void) | undefined;
  #wake: (() => void) | undefined;
  #lastPushed = false;
  #producerDone = false;
  #failure: { error: unknown } | undefined;
  #failureSeen = false;
  #closed = false;

  /** Producer side (the downstream app's send). */
  push(body: Uint8Array, more: boolean): Promise<void> {
    // After the consumer left, or after the final chunk, sends are dropped, as a host does
    // once the client is gone.
    if (this.#closed || this.#lastPushed) return Promise.resolve();
    if (!more) this.#lastPushed = true;
    return new Promise<void>((release) => {
      this.#queue.push({ body, more, release });
      this.#signal();
    });
  }

  /**
   * The producer returned (or threw). A body without its final chunk is an error, unless
   * nobody was listening any more (the consumer closed, or the client left).
   */
  finish(error?: unknown, clientGone = false): void {
    if (error !== undefined) this.#failure = { error };
    else if (!this.#lastPushed && !this.#closed && !clientGone) {
      this.#failure = { error: new Error("The app returned before finishing its response body") };
    }
    this.#producerDone = true;
    this.#signal();
  }

  /** Consumer side: the next chunk, or null at the end. Throws what the producer threw. */
  async next(): Promise<BodyChunk | null> {
    this.#releaseInFlight();
    // Bounded: every wait ends with a push, finish or close, each of which signals.
    for (;;) {
      const item = this.#queue.shift();
      if (item !== undefined) {
        this.#inFlight = item.release;
        return item;
      }
      if (this.#failure !== undefined) {
        this.#failureSeen = true;
        throw this.#failure.error;
      }
      if (this.#closed || this.#lastPushed || this.#producerDone) return null;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  /** The consumer is done (or never came): release every waiting producer, drop the rest. */
  close(): void {
    this.#closed = true;
    this.#releaseInFlight();
    for (const item of this.#queue) item.release();
    this.#queue = [];
    this.#signal();
  }

  /** What the producer threw, if no consumer has seen it. */
  get unseenFailure(): { error: unknown } | undefined {
    return this.#failureSeen ? undefined : this.#failure;
  }

  /** Mark the failure as delivered some other way (callNext rejected with it). */
  markFailureSeen(): void {
    this.#failureSeen = true;
  }

  #releaseInFlight(): void {
    const release = this.#inFlight;
    this.#inFlight = undefined;
    release?.();
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
