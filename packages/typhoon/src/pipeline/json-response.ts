import type { Headers as HeaderPairs } from "@typhoon/server";
import type { Response } from "../http/responses";

/** Shared by every JSON response, so frozen: a middleware that edits it in place fails loudly. */
export const JSON_TYPE = Object.freeze(["content-type", "application/json"]) as [string, string];

/**
 * A plain value's response headers: what `new Response(body).send()` would give (with the
 * injected Response's headers, if the handler asked for one), built directly.
 */
export function jsonHeaders(body: Uint8Array, injected: Response | undefined): HeaderPairs {
  // The JSON body is empty exactly when the status has none.
  if (body.byteLength === 0) return injected === undefined ? [] : injected.headers.slice();
  if (injected === undefined) return [JSON_TYPE, ["content-length", String(body.byteLength)]];
  const headers: HeaderPairs = [JSON_TYPE];
  for (const pair of injected.headers) headers.push(pair);
  headers.push(["content-length", String(body.byteLength)]);
  return headers;
}
