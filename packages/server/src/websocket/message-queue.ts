/**
 * The inbox behind an app's `receive()`: messages wait here in arrival order until the app
 * pulls them. Past `highWater` unread items the producer is told to pause (so a flooding peer
 * cannot exhaust memory) and is told to resume once the app has drained it to `lowWater`.
 * After `end(last)` and once the queue is empty, every pull returns `last`.
 */
export interface MessageQueueOptions {
  highWater?: number;
  lowWater?: number;
  onPause?: () => void;
  onResume?: () => void;
}

export class MessageQueue<T> {
  #items: T[] = [];
  #head = 0;
  #waiters: Array<(item: T) => void> = [];
  #last: T | undefined;
  #ended = false;
  #paused = false;
  readonly #highWater: number;
  readonly #lowWater: number;
  readonly #onPause: (() => void) | undefined;
  readonly #onResume: (() => void) | undefined;

  constructor(options: MessageQueueOptions = {}) {
    this.#highWater = options.highWater ?? 64;
    this.#lowWater = options.lowWater ?? Math.floor(this.#highWater / 4);
    this.#onPause = options.onPause;
    this.#onResume = options.onResume;
  }

  /** Unread items. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return; // nothing may follow the final message
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) {
      waiter(item);
      return;
    }
    this.#items.push(item);
    if (!this.#paused && this.size > this.#highWater) {
      this.#paused = true;
      this.#onPause?.();
    }
  }

  /** Marks the end: queued items are still delivered, then `last` forever. */
  end(last: T): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#last = last;
    if (this.size === 0) {
      for (const waiter of this.#waiters.splice(0)) waiter(last);
    }
  }

  shift(): Promise<T> {
    if (this.size > 0) {
      const item = this.#items[this.#head] as T;
      this.#items[this.#head] = undefined as T; // let the message be collected
      this.#head++;
      this.#compact();
      return Promise.resolve(item);
    }
    if (this.#ended) return Promise.resolve(this.#last as T);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      // Reclaim the consumed front without shifting the array on every pull.
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    if (this.#paused && this.size <= this.#lowWater) {
      this.#paused = false;
      this.#onResume?.();
    }
  }
}
