import { bodyMessage, decodeFormComponent, type Receive } from "@typhoon/server";
import { tooLarge } from "./errors";
import { FormData, type FormValue } from "./form-data";
import type { ResolvedFormLimits } from "./limits";

/** Bytes outside ASCII (in latin1 text, one char per byte): a raw, unencoded UTF-8 character. */
const NON_ASCII = /[\u0080-\u00ff]/;

/** One urlencoded component read as latin1 (a char per byte), decoded as UTF-8 text. */
function decodeLatin1(raw: string): string {
  return decodeFormComponent(
    NON_ASCII.test(raw) ? Buffer.from(raw, "latin1").toString("utf8") : raw,
  );
}

/**
 * Splits an `application/x-www-form-urlencoded` body into pairs as its chunks arrive. Only the
 * pair being read is held, and it is refused as soon as its name or value crosses its limit,
 * so a hostile body costs at most one field's worth of memory.
 *
 * Chunks are read as latin1 (one char per byte): `&` and `=` are ASCII and never occur inside
 * a UTF-8 sequence, so splitting is safe at any chunk boundary, lengths are exact byte counts,
 * and V8's fast string search does the work. Each finished name and value is then decoded.
 */
export class UrlencodedSplitter {
  readonly #limits: ResolvedFormLimits;
  readonly #entries: [string, FormValue][] = [];
  /** The pair being read, as latin1 text (a rope while it spans chunks). */
  #pair = "";
  /** Offset of the pair's first `=`, or -1 while none was seen. */
  #equalsAt = -1;

  constructor(limits: ResolvedFormLimits) {
    this.#limits = limits;
  }

  push(chunk: Uint8Array): void {
    const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
    let start = 0;
    // Bounded: each round consumes at least the text up to the next `&` or the chunk's end.
    for (;;) {
      const amp = text.indexOf("&", start);
      const end = amp === -1 ? text.length : amp;
      if (end > start)
        this.#append(start === 0 && end === text.length ? text : text.slice(start, end));
      if (amp === -1) return;
      this.#finishPair();
      start = amp + 1;
    }
  }

  /** Call once the body has ended: the last pair has no `&` after it. */
  end(): [string, FormValue][] {
    this.#finishPair();
    return this.#entries;
  }

  #append(segment: string): void {
    if (this.#equalsAt === -1) {
      const eq = segment.indexOf("=");
      if (eq !== -1) this.#equalsAt = this.#pair.length + eq;
    }
    this.#pair = this.#pair === "" ? segment : this.#pair + segment;
    const limits = this.#limits;
    const size = this.#pair.length;
    const nameSize = this.#equalsAt === -1 ? size : this.#equalsAt;
    if (nameSize > limits.maxFieldNameSize) {
      throw tooLarge(
        "FORM_FIELD_NAME_TOO_LARGE",
        `A field name exceeds the maximum size of ${limits.maxFieldNameSize} bytes.`,
      );
    }
    if (this.#equalsAt !== -1 && size - this.#equalsAt - 1 > limits.maxFieldSize) {
      const name = decodeLatin1(this.#pair.slice(0, this.#equalsAt));
      throw tooLarge(
        "FORM_FIELD_TOO_LARGE",
        `Field '${name}' exceeds the maximum size of ${limits.maxFieldSize} bytes.`,
      );
    }
  }

  #finishPair(): void {
    const pair = this.#pair;
    if (pair === "") return; // `a=1&&b=2`: empty pairs are skipped, as browsers do
    if (this.#entries.length === this.#limits.maxFields) {
      throw tooLarge(
        "FORM_TOO_MANY_FIELDS",
        `Too many fields. Maximum number of fields is ${this.#limits.maxFields}.`,
      );
    }
    const eq = this.#equalsAt;
    if (eq === -1) this.#entries.push([decodeLatin1(pair), ""]);
    else this.#entries.push([decodeLatin1(pair.slice(0, eq)), decodeLatin1(pair.slice(eq + 1))]);
    this.#pair = "";
    this.#equalsAt = -1;
  }
}

/** Reads an urlencoded body from `receive` into a `FormData`, within `limits`. */
export async function parseUrlencoded(
  receive: Receive,
  limits: ResolvedFormLimits,
): Promise<FormData> {
  const splitter = new UrlencodedSplitter(limits);
  // Bounded by the host: every message brings the body closer to its end or a disconnect.
  for (;;) {
    const message = bodyMessage(await receive());
    if (message.body.byteLength > 0) splitter.push(message.body);
    if (!message.more_body) break;
  }
  return new FormData(splitter.end());
}
