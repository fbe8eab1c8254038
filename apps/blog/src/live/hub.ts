import { dependency } from "typhoon";

/** What a live client receives. */
export type LiveEvent =
  | { event: "ready"; user_id: number }
  | { event: "post.published"; post: unknown };

/** One client's place in the hub. */
export interface LiveSubscription {
  /** Queues an event for this client only, after those already queued. */
  deliver(event: LiveEvent): void;
  unsubscribe(): void;
}

export interface HubOptions {
  /** Most clients at once (default 1000): past it, new clients are refused. */
  maxSubscribers?: number;
  /** Events kept for a client that reads slowly (default 100): past it, it is dropped. */
  maxQueued?: number;
}

export interface Subscriber {
  /** Delivers one event; the hub waits for it before sending that client the next one. */
  send(event: LiveEvent): Promise<void>;
  /** The client fell too far behind (or its send failed): close it. */
  drop(reason: string): void;
}

/**
 * Fans new posts out to the connected clients. Publishing never waits for a client: each one
 * has its own bounded queue, drained in order, so a slow reader cannot hold up the others.
 */
export class PostHub {
  readonly #subscriptions = new Set<Subscription>();
  readonly #maxSubscribers: number;
  readonly #maxQueued: number;

  constructor(options: HubOptions = {}) {
    this.#maxSubscribers = options.maxSubscribers ?? 1000;
    this.#maxQueued = options.maxQueued ?? 100;
  }

  get size(): number {
    return this.#subscriptions.size;
  }

  /** Adds a client, or returns null when the hub is full. `unsubscribe()` when it leaves. */
  subscribe(subscriber: Subscriber): LiveSubscription | null {
    if (this.#subscriptions.size >= this.#maxSubscribers) return null;
    const subscription = new Subscription(subscriber, this.#maxQueued, () =>
      this.#subscriptions.delete(subscription),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  publish(event: LiveEvent): void {
    for (const subscription of this.#subscriptions) subscription.deliver(event);
  }
}

class Subscription implements LiveSubscription {
  readonly #subscriber: Subscriber;
  readonly #maxQueued: number;
  readonly #remove: () => void;
  readonly #queue: LiveEvent[] = [];
  #sending = false;
  #closed = false;

  constructor(subscriber: Subscriber, maxQueued: number, remove: () => void) {
    this.#subscriber = subscriber;
    this.#maxQueued = maxQueued;
    this.#remove = remove;
  }

  deliver(event: LiveEvent): void {
    if (this.#closed) return;
    if (this.#queue.length >= this.#maxQueued) {
      this.#drop("too slow to keep up");
      return;
    }
    this.#queue.push(event);
    if (!this.#sending) void this.#drain();
  }

  unsubscribe(): void {
    this.#closed = true;
    this.#queue.length = 0;
    this.#remove();
  }

  async #drain(): Promise<void> {
    this.#sending = true;
    try {
      for (let event = this.#queue.shift(); event !== undefined; event = this.#queue.shift()) {
        if (this.#closed) return;
        await this.#subscriber.send(event);
      }
    } catch {
      this.#drop("send failed");
    } finally {
      this.#sending = false;
    }
  }

  #drop(reason: string): void {
    this.unsubscribe();
    this.#subscriber.drop(reason);
  }
}

const defaultHub = new PostHub();

/** The process's hub (FastAPI's module-level ConnectionManager); tests use a fresh one. */
export const getPostHub = dependency((): PostHub => defaultHub);
