/**
 * The request body a test sends, pulled one `http.request` message at a time as the app calls
 * `receive()`: text and bytes arrive as one message, an (async) iterable as one message per
 * chunk followed by an empty final one, like a chunked upload read off a socket.
 */
import type { HTTPRequestMessage } from "../types";

export type BodyChunk = Uint8Array | string;
export type RequestBody = BodyChunk | AsyncIterable<BodyChunk> | Iterable<BodyChunk>;

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

function toBytes(chunk: BodyChunk): Uint8Array {
  if (typeof chunk === "string") return encoder.encode(chunk);
  if (chunk instanceof Uint8Array) return chunk;
  throw new TypeError("request body chunks must be strings or Uint8Arrays");
}

/** Fixed bodies know their length up front (sent as Content-Length); streams do not. */
export function fixedLength(body: RequestBody | undefined): number | null {
  if (body === undefined) return 0;
  if (typeof body === "string") return encoder.encode(body).length;
  if (body instanceof Uint8Array) return body.length;
  return null;
}

export class RequestBodySource {
  #fixed: Uint8Array | null;
  #iterator: AsyncIterator<BodyChunk> | Iterator<BodyChunk> | null = null;
  #done = false;

  constructor(body: RequestBody | undefined) {
    if (body === undefined) this.#fixed = EMPTY;
    else if (typeof body === "string" || body instanceof Uint8Array) this.#fixed = toBytes(body);
    else {
      this.#fixed = null;
      const asyncIterable = body as AsyncIterable<BodyChunk>;
      const syncIterable = body as Iterable<BodyChunk>;
      if (typeof asyncIterable[Symbol.asyncIterator] === "function") {
        this.#iterator = asyncIterable[Symbol.asyncIterator]();
      } else if (typeof syncIterable[Symbol.iterator] === "function") {
        this.#iterator = syncIterable[Symbol.iterator]();
      } else {
        throw new TypeError("body must be a string, a Uint8Array or an (async) iterable of chunks");
      }
    }
  }

  get done(): boolean {
    return this.#done;
  }

  /** The next message; a throwing iterable rejects (the caller treats it as the client leaving). */
  async next(): Promise<HTTPRequestMessage> {
    if (this.#fixed !== null) {
      const body = this.#fixed;
      this.#fixed = EMPTY;
      this.#done = true;
      return { type: "http.request", body, more_body: false };
    }
    const iterator = this.#iterator;
    // Bounded: each turn consumes one chunk of a finite iterable; empty chunks carry nothing.
    while (iterator !== null && !this.#done) {
      const step = await iterator.next();
      if (step.done) break;
      const bytes = toBytes(step.value);
      if (bytes.length > 0) return { type: "http.request", body: bytes, more_body: true };
    }
    this.#done = true;
    return { type: "http.request", body: EMPTY, more_body: false };
  }

  /** The client stops sending: let a generator run its `finally`. */
  cancel(): void {
    if (this.#done) return;
    this.#done = true;
    void Promise.resolve(this.#iterator?.return?.()).catch(() => {});
  }
}
