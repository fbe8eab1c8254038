import type { Receive } from "@typhoon/server";
import { decodeComponent } from "../http/query";
import { tooLarge } from "./errors";
import { FormData, type FormValue } from "./form-data";
import type { ResolvedFormLimits } from "./limits";
import { nextBodyMessage } from "./receive-body";

const AMPERSAND = 0x26;
const EQUALS = 0x3d;

/**
 * Splits an `application/x-www-form-urlencoded` body into pairs as its chunks arrive. Only the
 * pair being read is held, and it is refused as soon as its name or value crosses its limit,
 * so a hostile body costs at most one field's worth of memory.
 */
export class UrlencodedSplitter {
  readonly #limits: ResolvedFormLimits;
  readonly #entries: [string, FormValue][] = [];
  #pieces: Uint8Array[] = [];
  #pairSize = 0;
  /** Offset of the pair's first `=`, or -1 while none was seen. */
  #equalsAt = -1;

  constructor(limits: ResolvedFormLimits) {
    this.#limits = limits;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    // Bounded: each round consumes at least the bytes up to the next `&` or the chunk's end.
    for (;;) {
      const amp = chunk.indexOf(AMPERSAND, start);
      const end = amp === -1 ? chunk.byteLength : amp;
      if (end > start) this.#append(chunk.subarray(start, end));
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

  #append(segment: Uint8Array): void {
    if (this.#equalsAt === -1) {
      const eq = segment.indexOf(EQUALS);
      if (eq !== -1) this.#equalsAt = this.#pairSize + eq;
    }
    this.#pairSize += segment.byteLength;
    this.#pieces.push(segment);
    const limits = this.#limits;
    const nameSize = this.#equalsAt === -1 ? this.#pairSize : this.#equalsAt;
    if (nameSize > limits.maxFieldNameSize) {
      throw tooLarge(
        "FORM_FIELD_NAME_TOO_LARGE",
        `A field name exceeds the maximum size of ${limits.maxFieldNameSize} bytes.`,
      );
    }
    if (this.#equalsAt !== -1 && this.#pairSize - this.#equalsAt - 1 > limits.maxFieldSize) {
      throw tooLarge(
        "FORM_FIELD_TOO_LARGE",
        `Field '${this.#name()}' exceeds the maximum size of ${limits.maxFieldSize} bytes.`,
      );
    }
  }

  #finishPair(): void {
    if (this.#pairSize === 0) return; // `a=1&&b=2`: empty pairs are skipped, as browsers do
    if (this.#entries.length === this.#limits.maxFields) {
      throw tooLarge(
        "FORM_TOO_MANY_FIELDS",
        `Too many fields. Maximum number of fields is ${this.#limits.maxFields}.`,
      );
    }
    const bytes = this.#joined();
    const eq = this.#equalsAt;
    const name = decodeComponent(bytes.toString("utf8", 0, eq === -1 ? bytes.byteLength : eq));
    const value = eq === -1 ? "" : decodeComponent(bytes.toString("utf8", eq + 1));
    this.#entries.push([name, value]);
    this.#pieces = [];
    this.#pairSize = 0;
    this.#equalsAt = -1;
  }

  #joined(): Buffer {
    const pieces = this.#pieces;
    const only = pieces.length === 1 ? pieces[0] : undefined;
    if (only !== undefined) return Buffer.from(only.buffer, only.byteOffset, only.byteLength);
    return Buffer.concat(pieces, this.#pairSize);
  }

  /** The name of the pair being read, for error messages. */
  #name(): string {
    const head = this.#joined();
    return decodeComponent(head.toString("utf8", 0, Math.max(this.#equalsAt, 0)));
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
    const message = await nextBodyMessage(receive);
    if (message.body.byteLength > 0) splitter.push(message.body);
    if (!message.more_body) break;
  }
  return new FormData(splitter.end());
}
