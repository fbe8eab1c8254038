import type { Headers as HeaderPairs, HTTPResponseStartMessage, Send } from "@typhoon/server";
import { addVary, getHeader, mediaTypeOf, removeHeader, setHeader } from "../header-pairs";
import type { Encoder, StreamCompressor } from "./encoders";

const EMPTY = new Uint8Array(0);

/** What decides, per response, whether to compress; planned once per middleware. */
export interface CompressionRules {
  readonly minimumSize: number;
  /** Whether a response of this media type (or of none: undefined) may be compressed. */
  readonly compressible: (mediaType: string | undefined) => boolean;
}

const PASS = 0; // forward as it is
const HOLD = 1; // start kept back until the first body chunk decides
const STREAM = 2; // compressing chunk by chunk

/**
 * Wraps a response's `send`: the start is held until the first body chunk shows whether the
 * body is whole and big enough (Starlette's GZipResponder). A whole body is compressed at
 * once with an exact Content-Length; a streamed one chunk by chunk, each flushed.
 */
export class CompressingSend {
  readonly #send: Send;
  readonly #encoder: Encoder;
  readonly #rules: CompressionRules;
  readonly #isHead: boolean;
  #state = PASS;
  #start: HTTPResponseStartMessage | undefined;
  #stream: StreamCompressor | undefined;

  constructor(send: Send, encoder: Encoder, rules: CompressionRules, isHead: boolean) {
    this.#send = send;
    this.#encoder = encoder;
    this.#rules = rules;
    this.#isHead = isHead;
  }

  readonly send: Send = async (message) => {
    if (message.type === "http.response.start") {
      if (this.#mayCompress(message)) {
        this.#start = message;
        this.#state = HOLD;
        return;
      }
      this.#state = PASS;
      return this.#send(message);
    }
    if (message.type !== "http.response.body" || this.#state === PASS) {
      return this.#send(message);
    }
    const body = message.body ?? EMPTY;
    const more = message.more_body === true;
    if (this.#state === HOLD) {
      const start = this.#start!;
      this.#start = undefined;
      if (!more) {
        this.#state = PASS;
        if (body.byteLength < this.#rules.minimumSize) {
          await this.#send(start);
          return this.#send(message);
        }
        const compressed = await this.#encoder.whole(body);
        await this.#send(this.#compressedStart(start, compressed.byteLength));
        return this.#send({ type: "http.response.body", body: compressed });
      }
      // A streamed body is compressed whatever its size: the total is not known yet.
      this.#state = STREAM;
      this.#stream = this.#encoder.stream();
      await this.#send(this.#compressedStart(start, -1));
    }
    const stream = this.#stream!;
    if (more) {
      // An empty chunk would only add a flush marker.
      const out = body.byteLength === 0 ? EMPTY : await stream.write(body);
      return this.#send({ type: "http.response.body", body: out, more_body: true });
    }
    this.#stream = undefined;
    this.#state = PASS;
    const rest = await stream.end(body);
    return this.#send({ type: "http.response.body", body: rest });
  };

  /** Frees a compressor left open by a response that never finished. */
  dispose(): void {
    this.#stream?.destroy();
    this.#stream = undefined;
  }

  #mayCompress(start: HTTPResponseStartMessage): boolean {
    if (this.#isHead) return false;
    const status = start.status;
    // No body (1xx, 204, 304), or a byte range of the identity body (206).
    if (status < 200 || status === 204 || status === 206 || status === 304) return false;
    const headers = start.headers ?? [];
    if (getHeader(headers, "content-encoding") !== undefined) return false; // already encoded
    if (getHeader(headers, "content-range") !== undefined) return false;
    return this.#rules.compressible(mediaTypeOf(headers));
  }

  /** `length` -1: streamed, so no Content-Length. */
  #compressedStart(start: HTTPResponseStartMessage, length: number): HTTPResponseStartMessage {
    const headers: HeaderPairs = start.headers ? start.headers.slice() : [];
    setHeader(headers, "content-encoding", this.#encoder.name);
    addVary(headers, "Accept-Encoding");
    if (length === -1) removeHeader(headers, "content-length");
    else setHeader(headers, "content-length", String(length));
    // The bytes differ from the identity body, so a strong validator must not claim otherwise.
    const etag = getHeader(headers, "etag");
    if (etag?.startsWith('"')) setHeader(headers, "etag", `W/${etag}`);
    return { ...start, headers };
  }
}
