/**
 * Reading a whole request body inside an app, the same way on every host: the chunks of the
 * `http.request` messages joined, with a size limit and a typed error when the client leaves.
 */
import { DEFAULT_LIMITS } from "../node/options";
import type { Receive } from "../types";
import { ClientDisconnected } from "../websocket/errors";
import { BodyTooLarge } from "./errors";

export interface CollectBodyOptions {
  /** Bytes allowed; one more throws `BodyTooLarge`. Default 10 MiB (the Node host's limit). */
  maxSize?: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Receives `http.request` messages until `more_body` is false and returns the joined bytes.
 * Throws `ClientDisconnected` on `http.disconnect`, `BodyTooLarge` past `maxSize`.
 */
export async function collectBody(
  receive: Receive,
  options: CollectBodyOptions = {},
): Promise<Uint8Array> {
  const maxSize = options.maxSize ?? DEFAULT_LIMITS.maxBodySize;
  let first: Uint8Array | undefined;
  let chunks: Uint8Array[] | undefined;
  let size = 0;
  // Bounded by the host: every message brings the body closer to its end or a disconnect.
  for (;;) {
    const message = await receive();
    if (message.type === "http.disconnect") {
      throw new ClientDisconnected("the client disconnected before sending the whole body");
    }
    if (message.type !== "http.request") {
      throw new TypeError(`collectBody: expected http.request, got ${message.type}`);
    }
    const body = message.body;
    if (body.length > 0) {
      size += body.length;
      if (size > maxSize) throw new BodyTooLarge(maxSize);
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
