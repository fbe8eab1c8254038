/**
 * Reading a whole request body inside an app, the same way on every host: the chunks of the
 * `http.request` messages joined, with a size limit and a typed error when the client leaves.
 */
import { DEFAULT_LIMITS } from "../node/options";
import type { HTTPRequestMessage, Receive, ReceiveMessage } from "../types";
import { ClientDisconnected } from "../websocket/errors";

export interface CollectBodyOptions {
  /** Bytes allowed; one more throws. Default 10 MiB (the Node host's limit). */
  maxSize?: number;
  /**
   * The error to throw past `maxSize` (default `BodyTooLarge`): an app answers with its own
   * 413 straight from here, with no wrapper (one async frame and one tick less per body).
   */
  onTooLarge?: (maxSize: number) => Error;
}

/** `collectBody` read more than `maxSize` bytes. Answer it with 413. */
export class BodyTooLarge extends Error {
  readonly code = "BODY_TOO_LARGE";
  readonly maxSize: number;
  constructor(maxSize: number) {
    super(`request body is larger than ${maxSize} bytes`);
    this.name = "BodyTooLarge";
    this.maxSize = maxSize;
  }
}

const EMPTY = new Uint8Array(0);
const NO_OPTIONS: CollectBodyOptions = {};

/**
 * Receives `http.request` messages until `more_body` is false and returns the joined bytes.
 * Throws `ClientDisconnected` on `http.disconnect`; past `maxSize`, `BodyTooLarge` or what
 * `onTooLarge` returns.
 */
export async function collectBody(
  receive: Receive,
  options: CollectBodyOptions = NO_OPTIONS,
): Promise<Uint8Array> {
  const maxSize = options.maxSize ?? DEFAULT_LIMITS.maxBodySize;
  let first: Uint8Array | undefined;
  let chunks: Uint8Array[] | undefined;
  let size = 0;
  // Bounded by the host: every message brings the body closer to its end or a disconnect.
  for (;;) {
    const message = bodyMessage(await receive());
    const body = message.body;
    if (body.length > 0) {
      size += body.length;
      if (size > maxSize) throw options.onTooLarge?.(maxSize) ?? new BodyTooLarge(maxSize);
      // The common single-chunk body is returned as is, without a copy.
      if (first === undefined) first = body;
      else if (chunks === undefined) chunks = [first, body];
      else chunks.push(body);
    }
    if (!message.more_body) break;
  }
  if (chunks !== undefined) return Buffer.concat(chunks, size);
  return first ?? EMPTY;
}

/**
 * Checks that a received message is the next piece of the body, for readers that consume
 * the chunks as they come (forms). A disconnect becomes `ClientDisconnected`. A sync check
 * after `await receive()` rather than an async wrapper: one hop less per chunk.
 */
export function bodyMessage(message: ReceiveMessage): HTTPRequestMessage {
  if (message.type === "http.request") return message;
  if (message.type === "http.disconnect") {
    throw new ClientDisconnected("the client disconnected before sending the whole body");
  }
  throw new TypeError(`expected an http.request message, got ${message.type}`);
}
