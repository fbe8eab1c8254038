import zlib from "node:zlib";
import type { Encoding } from "./accept-encoding";

/** Settings for one coding, checked once at setup. */
export interface EncoderSettings {
  /** gzip level, 1 (fast) to 9 (small). */
  gzipLevel: number;
  /** Brotli quality, 0 (fast) to 11 (small). */
  brotliQuality: number;
}

/** Compresses whole bodies and opens streaming compressors for one coding. */
export interface Encoder {
  readonly name: Encoding;
  whole(body: Uint8Array): Uint8Array | Promise<Uint8Array>;
  stream(): StreamCompressor;
}

// Below this size a body is compressed on the event loop (no thread-pool round trip, which
// costs more than the work); above it, in the pool so other requests keep flowing.
const SYNC_LIMIT = 64 * 1024;

export function createEncoder(name: Encoding, settings: EncoderSettings): Encoder {
  if (name === "gzip") {
    const options: zlib.ZlibOptions = { level: settings.gzipLevel };
    return {
      name,
      whole: (body) =>
        body.byteLength <= SYNC_LIMIT
          ? zlib.gzipSync(body, options)
          : inPool((done) => zlib.gzip(body, options, done)),
      stream: () => new StreamCompressor(zlib.createGzip(options), zlib.constants.Z_SYNC_FLUSH),
    };
  }
  const options: zlib.BrotliOptions = {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: settings.brotliQuality },
  };
  return {
    name,
    whole: (body) => {
      const sized: zlib.BrotliOptions = {
        params: { ...options.params, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
      };
      return body.byteLength <= SYNC_LIMIT
        ? zlib.brotliCompressSync(body, sized)
        : inPool((done) => zlib.brotliCompress(body, sized, done));
    },
    stream: () =>
      new StreamCompressor(
        zlib.createBrotliCompress(options),
        zlib.constants.BROTLI_OPERATION_FLUSH,
      ),
  };
}

/** Runs one zlib call on the thread pool as a promise. */
function inPool(
  start: (done: (error: Error | null, out: Buffer) => void) => void,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    start((error, out) => (error ? reject(error) : resolve(out)));
  });
}

type ZlibStream = zlib.Gzip | zlib.BrotliCompress;

/**
 * One compressed stream, fed a chunk at a time. Each `write` flushes, so what the client gets
 * for a chunk decompresses to that chunk at once (an event stream stays live); the zlib
 * stream emits a flush's output before calling its callback, so nothing lags a chunk behind.
 */
export class StreamCompressor {
  readonly #stream: ZlibStream;
  readonly #flushKind: number;
  #output: Buffer[] = [];
  #fail: ((error: Error) => void) | undefined;
  #error: Error | undefined;

  constructor(stream: ZlibStream, flushKind: number) {
    this.#stream = stream;
    this.#flushKind = flushKind;
    stream.on("data", (chunk: Buffer) => this.#output.push(chunk));
    stream.on("error", (error: Error) => {
      this.#error = error;
      this.#fail?.(error);
    });
  }

  /** Compresses `chunk` and returns everything produced so far, flushed. */
  write(chunk: Uint8Array): Promise<Uint8Array> {
    return this.#operation((done) => {
      this.#stream.write(chunk);
      this.#stream.flush(this.#flushKind, done);
    });
  }

  /** Compresses the last chunk and closes the stream; returns the rest of the output. */
  end(chunk: Uint8Array): Promise<Uint8Array> {
    return this.#operation((done) => {
      this.#stream.once("end", done);
      this.#stream.end(chunk);
    });
  }

  /** Frees the native stream (the response was cut short). */
  destroy(): void {
    this.#stream.destroy();
  }

  #operation(start: (done: () => void) => void): Promise<Uint8Array> {
    if (this.#error !== undefined) return Promise.reject(this.#error);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.#fail = reject;
      start(() => {
        this.#fail = undefined;
        resolve(this.#take());
      });
    });
  }

  #take(): Uint8Array {
    const parts = this.#output;
    this.#output = [];
    if (parts.length === 1) return parts[0]!;
    return Buffer.concat(parts);
  }
}
