import type { FileHandle } from "node:fs/promises";
import type { TempFile, TempStore } from "./temp-store";

/** Where an upload's bytes ended up: in memory, or in a temporary file of `size` bytes. */
export type SpooledContent = Uint8Array | { readonly path: string; readonly size: number };

const EMPTY = new Uint8Array(0);

/**
 * Collects one upload: chunks stay in memory up to `threshold` bytes, then everything moves to
 * a temporary file and later chunks are appended there. Each `write` resolves once the bytes
 * are stored, so awaiting it is the backpressure that keeps memory bounded.
 */
export class FileSpool {
  readonly #store: TempStore;
  readonly #threshold: number;
  #chunks: Uint8Array[] = [];
  #size = 0;
  #file: TempFile | undefined;

  constructor(store: TempStore, threshold: number) {
    this.#store = store;
    this.#threshold = threshold;
  }

  get size(): number {
    return this.#size;
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.#size += chunk.byteLength;
    if (this.#file !== undefined) return writeAll(this.#file.handle, chunk);
    this.#chunks.push(chunk);
    if (this.#size > this.#threshold) await this.#spill();
  }

  /** Ends the upload: closes the temporary file, or joins the chunks held in memory. */
  async finish(): Promise<SpooledContent> {
    const file = this.#file;
    if (file !== undefined) {
      this.#file = undefined;
      await file.handle.close();
      return { path: file.path, size: this.#size };
    }
    const chunks = this.#chunks;
    this.#chunks = [];
    if (chunks.length === 0) return EMPTY;
    // A single chunk is kept as is: no copy for the common small upload.
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    return Buffer.concat(chunks, this.#size);
  }

  /** Drops the upload; its file (if any) is deleted with the store's folder. */
  async abort(): Promise<void> {
    this.#chunks = [];
    const file = this.#file;
    this.#file = undefined;
    await file?.handle.close().catch(() => undefined);
  }

  async #spill(): Promise<void> {
    this.#file = await this.#store.create();
    const pending = this.#chunks;
    this.#chunks = [];
    for (const chunk of pending) await writeAll(this.#file.handle, chunk);
  }
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  // Bounded: every round writes at least one byte or throws.
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    if (bytesWritten <= 0) throw new Error("could not write an upload to its temporary file");
    offset += bytesWritten;
  }
}
