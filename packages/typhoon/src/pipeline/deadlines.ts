import type { Send } from "@typhoon/server";

const TIMEOUT_BODY = Buffer.from(JSON.stringify({ detail: "Gateway Timeout" }));
const TIMEOUT_HEADERS: [string, string][] = [
  ["content-type", "application/json"],
  ["content-length", String(TIMEOUT_BODY.length)],
];

const WAITING = 0;
const STARTED = 1;
const LATE = 2;

/**
 * One request waiting for its response to start. The code that sends the response calls
 * `start()` just before its first send: `false` means the client already has its 504, and the
 * send must be dropped.
 */
export class Deadline {
  /** The sweep tick during which the request was registered. */
  readonly since: number;
  readonly send: Send;
  state = WAITING;
  // An intrusive list in registration order: O(1) insert and removal, no Set hashing.
  prev: Deadline | null = null;
  next: Deadline | null = null;
  readonly #owner: Deadlines;

  constructor(owner: Deadlines, send: Send, since: number) {
    this.#owner = owner;
    this.send = send;
    this.since = since;
  }

  /** The response is about to start: stop the clock. False if the 504 went out instead. */
  start(): boolean {
    if (this.state === LATE) return false;
    if (this.state === WAITING) {
      this.state = STARTED;
      this.#owner.remove(this);
    }
    return true;
  }

  /** The request is over without a response of its own (it failed): stop its clock. */
  stop(): void {
    this.start();
  }

  /** True once the 504 went out in the request's place (its sends must be dropped). */
  get late(): boolean {
    return this.state === LATE;
  }
}

/**
 * The app's response deadline, enforced where the response is produced rather than by a
 * middleware wrapping every request: a route that answers synchronously never registers, an
 * async one pays an object and two pointer writes (no wrapped send, no extra async frame).
 * One sweep timer serves every request, and runs only while some request is waiting.
 *
 * Time is counted in sweep ticks, not read from a clock per request (a clock read costs more
 * than the rest of the registration): a request is late once `ticksToLate` ticks passed since
 * the one it was registered in: between `ms` and `ms` plus two intervals (an eighth of `ms`,
 * at most 500 ms each), never before.
 */
export class Deadlines {
  readonly ms: number;
  readonly #interval: number;
  readonly #ticksToLate: number;
  #tick = 0;
  #head: Deadline | null = null;
  #tail: Deadline | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    if (!Number.isFinite(ms) || ms <= 0) {
      throw new RangeError(`responseTimeout: ms must be a positive number, got ${ms}`);
    }
    this.ms = ms;
    this.#interval = Math.max(5, Math.min(500, ms / 8));
    // The registration tick may be nearly over: one tick more than ms / interval.
    this.#ticksToLate = Math.ceil(ms / this.#interval) + 1;
  }

  /** Starts the clock for a request whose response will be sent through `send`. */
  watch(send: Send): Deadline {
    const entry = new Deadline(this, send, this.#tick);
    const tail = this.#tail;
    if (tail === null) this.#head = entry;
    else {
      tail.next = entry;
      entry.prev = tail;
    }
    this.#tail = entry;
    if (this.#timer === undefined) {
      this.#timer = setInterval(this.#sweep, this.#interval);
      this.#timer.unref(); // a deadline alone must not keep the process alive
    }
    return entry;
  }

  /** @internal Unlinks a request that started its response (or went late). */
  remove(entry: Deadline): void {
    const { prev, next } = entry;
    if (prev === null) {
      if (this.#head !== entry) return; // not linked
      this.#head = next;
    } else prev.next = next;
    if (next === null) this.#tail = prev;
    else next.prev = prev;
    entry.prev = null;
    entry.next = null;
  }

  /** Requests still waiting (for tests and diagnostics). */
  get size(): number {
    let count = 0;
    for (let entry = this.#head; entry !== null; entry = entry.next) count++;
    return count;
  }

  readonly #sweep = (): void => {
    const limit = ++this.#tick - this.#ticksToLate;
    // Registration order is time order: stop at the first request still within its time.
    for (let entry = this.#head; entry !== null && entry.since <= limit; entry = this.#head) {
      this.remove(entry);
      entry.state = LATE;
      void answerTimeout(entry.send);
    }
    if (this.#head === null) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  };
}

/** `504 {"detail": "Gateway Timeout"}` in the late request's place. */
export async function answerTimeout(send: Send): Promise<void> {
  try {
    await send({ type: "http.response.start", status: 504, headers: TIMEOUT_HEADERS });
    await send({ type: "http.response.body", body: TIMEOUT_BODY });
  } catch {
    // The client is gone: nothing to answer.
  }
}
