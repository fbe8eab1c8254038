import { type Receive, type Scope, type Send, statusHasNoBody } from "@typhoon/server";
import { Response, type ResponseInit } from "../http/responses";
import { pump } from "./pump";
import { openSource, type StreamSource } from "./source";

export type StreamChunk = string | Uint8Array;

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/**
 * A body produced while it is sent (chunked, no Content-Length unless you set one): strings
 * are UTF-8 encoded, bytes sent as they are, one chunk per `send` with backpressure. When
 * the client disconnects, pulling stops and the iterator's `return()` runs its `finally`.
 */
export class StreamingResponse extends Response {
  readonly content: StreamSource<StreamChunk>;

  constructor(content: StreamSource<StreamChunk>, init: ResponseInit = {}) {
    super(null, init);
    // A string is iterable too, one character at a time: send it as one chunk instead.
    this.content = typeof content === "string" ? [content] : content;
  }

  /** A client disconnect (seen through `receive`) stops the stream. */
  override async respond(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const source = openSource(this.content);
    await send({ type: "http.response.start", status: this.status, headers: this.headers });
    if (sendsNoBody(scope, this.status)) {
      await source.close(); // never pulled: a generator that has not started just completes
      await send({ type: "http.response.body", body: EMPTY });
      return;
    }
    await pump(source, { send, receive, encode: encodeChunk });
  }
}

/** HEAD, or a status without a body: the head alone is sent and the source never pulled. */
export function sendsNoBody(scope: Scope, status: number): boolean {
  return (scope.type === "http" && scope.method === "HEAD") || statusHasNoBody(status);
}

function encodeChunk(chunk: StreamChunk): Uint8Array {
  if (typeof chunk === "string") return encoder.encode(chunk);
  if (chunk instanceof Uint8Array) return chunk;
  throw new TypeError(
    `StreamingResponse chunks must be strings or Uint8Arrays, got ${chunk === null ? "null" : typeof chunk}`,
  );
}
