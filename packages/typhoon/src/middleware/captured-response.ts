import type { Headers as HeaderPairs, Receive, Scope, Send } from "@typhoon/server";
import { Response } from "../http/responses";
import type { BodyChannel } from "./body-channel";

const EMPTY = new Uint8Array(0);

/**
 * The response of the app below an `httpMiddleware` function, captured at its start: status
 * and headers may be changed before it is returned; the body is not buffered, it streams
 * from the app below when `send()` forwards it (chunk by chunk, with backpressure).
 * `body` (inherited) stays empty: read the stream with `chunks()` instead.
 */
export class CapturedResponse extends Response {
  readonly #channel: BodyChannel;
  #consumed = false;

  constructor(status: number, headers: HeaderPairs, channel: BodyChannel) {
    super(null, { status, headers });
    this.#channel = channel;
  }

  /**
   * The body chunks as the app below sends them. They can be read once: after that, `send()`
   * has nothing left to forward, so build a new Response from what you read.
   */
  async *chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    this.#claim();
    for (;;) {
      const chunk = await this.#channel.next();
      if (chunk === null) return;
      if (chunk.body.byteLength > 0) yield chunk.body;
      if (!chunk.more) return;
    }
  }

  /** The whole body, read into memory (for small responses you want to inspect). */
  async bytes(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const part of this.chunks()) parts.push(part);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Forwards the head as it is now, then the body as it arrives. */
  override async respond(_scope: Scope, _receive: Receive, send: Send): Promise<void> {
    this.#claim();
    await send({ type: "http.response.start", status: this.status, headers: this.headers });
    for (;;) {
      const chunk = await this.#channel.next();
      if (chunk === null) {
        await send({ type: "http.response.body", body: EMPTY });
        return;
      }
      await send({ type: "http.response.body", body: chunk.body, more_body: chunk.more });
      if (!chunk.more) return;
    }
  }

  #claim(): void {
    if (this.#consumed) throw new Error("The captured response body was already read or sent");
    this.#consumed = true;
  }
}
