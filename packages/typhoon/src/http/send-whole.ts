import type { Headers as HeaderPairs, Send } from "@typhoon/server";

export const EMPTY = new Uint8Array(0);

/**
 * Start, then body. Its own small async function: a suspended async function keeps every
 * local of its frame alive, and its callers' frames are much larger than these four.
 */
export async function sendWhole(
  send: Send,
  status: number,
  headers: HeaderPairs,
  body: Uint8Array,
): Promise<void> {
  await send({ type: "http.response.start", status, headers });
  await send({ type: "http.response.body", body });
}
