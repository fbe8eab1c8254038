import { type FileHandle, open, readFile, rm } from "node:fs/promises";
import type { SpooledContent } from "./spool";

/** What an `UploadFile` is made of: bytes or text in memory, or a file on disk it owns. */
export type UploadContent = string | SpooledContent;

export interface UploadFileInit {
  /** The client's file name (`""` when none was sent). */
  filename?: string;
  /** The part's media type. Default `application/octet-stream`. */
  contentType?: string;
  /** Part headers, `[lower-case name, value]`. */
  headers?: ReadonlyArray<[string, string]>;
}

/** Size of the chunks `stream()` yields. */
const STREAM_CHUNK = 64 * 1024;

/**
 * One uploaded file (FastAPI's `UploadFile`). Small files live in memory, bigger ones in a
 * private temporary file; either way the content is read with `bytes()`, `arrayBuffer()`,
 * `text()` or `stream()`, as often as needed, until `close()` (which the framework calls
 * when the request ends) releases it.
 */
export class UploadFile {
  /** Phantom type so `params: { upload: UploadFile }` can be inferred like `Request`. */
  declare static readonly "~output"?: { readonly type: UploadFile };

  readonly filename: string;
  readonly contentType: string;
  /** Bytes of content. */
  readonly size: number;
  readonly headers: ReadonlyArray<[string, string]>;
  #content: Uint8Array | { readonly path: string } | null;

  constructor(content: UploadContent, init: UploadFileInit = {}) {
    this.filename = init.filename ?? "";
    this.contentType = init.contentType ?? "application/octet-stream";
    this.headers = init.headers ?? [["content-type", this.contentType]];
    if (typeof content === "string") content = Buffer.from(content, "utf8");
    if (content instanceof Uint8Array) {
      this.size = content.byteLength;
      this.#content = content;
    } else {
      this.size = content.size;
      this.#content = { path: content.path };
    }
  }

  /** The temporary file holding the content, or `undefined` while it is in memory. */
  get path(): string | undefined {
    const content = this.#content;
    return content === null || content instanceof Uint8Array ? undefined : content.path;
  }

  get closed(): boolean {
    return this.#content === null;
  }

  /** A copy of the content. */
  async bytes(): Promise<Uint8Array> {
    const content = this.#open();
    if (content instanceof Uint8Array) return new Uint8Array(content);
    const read = await readFile(content.path);
    // readFile usually returns a buffer of its own: hand it over instead of copying it again.
    return read.byteOffset === 0 && read.buffer.byteLength === read.byteLength
      ? new Uint8Array(read.buffer, 0, read.byteLength)
      : new Uint8Array(read);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer as ArrayBuffer;
  }

  /** The content decoded as UTF-8 (invalid sequences become U+FFFD, as `Blob.text()` does). */
  async text(): Promise<string> {
    const content = this.#open();
    if (content instanceof Uint8Array) return new TextDecoder().decode(content);
    return readFile(content.path, "utf8");
  }

  /**
   * The content as a web `ReadableStream`, read in 64 KiB chunks as the consumer pulls (a file
   * on disk is never loaded whole). On Node it is also async-iterable:
   * `for await (const chunk of file.stream())`, and `Readable.fromWeb()` turns it into a Node
   * stream for `pipeline()`.
   */
  stream(): ReadableStream<Uint8Array> {
    const content = this.#open();
    return content instanceof Uint8Array
      ? memoryStream(content)
      : diskStream(content.path, this.size);
  }

  /** Releases the content (and deletes its temporary file); later reads throw. */
  async close(): Promise<void> {
    const path = this.path;
    this.#content = null;
    if (path !== undefined) await rm(path, { force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #open(): Uint8Array | { readonly path: string } {
    if (this.#content === null) {
      throw new Error(
        `UploadFile "${this.filename}" is closed: read uploads before the request ends`,
      );
    }
    return this.#content;
  }
}

function memoryStream(content: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= content.byteLength) return controller.close();
      const end = Math.min(offset + STREAM_CHUNK, content.byteLength);
      controller.enqueue(content.slice(offset, end));
      offset = end;
    },
  });
}

function diskStream(path: string, size: number): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  let position = 0;
  const release = async () => {
    const opened = handle;
    handle = undefined;
    await opened?.close();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const length = Math.min(STREAM_CHUNK, size - position);
        if (length <= 0) {
          await release();
          return controller.close();
        }
        handle ??= await open(path, "r");
        const buffer = Buffer.allocUnsafe(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        // The file shrank under us: end the stream rather than loop on empty reads.
        if (bytesRead === 0) throw new Error(`upload file ${path} ended early`);
        position += bytesRead;
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await release().catch(() => undefined);
        throw error;
      }
    },
    cancel: release,
  });
}
