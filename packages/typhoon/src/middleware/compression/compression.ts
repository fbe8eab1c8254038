import type { Middleware, ServerApp } from "@typhoon/server";
import { getHeader } from "../header-pairs";
import { type Encoding, negotiateEncoding } from "./accept-encoding";
import { CompressingSend, type CompressionRules } from "./compressing-send";
import { createEncoder, type Encoder, type EncoderSettings } from "./encoders";

/** Options every compression middleware shares. */
export interface CompressionOptions {
  /** Whole bodies smaller than this many bytes are sent as they are. Default 500. */
  minimumSize?: number;
  /**
   * Compress only these media types (`"text/*"` matches a whole family). Default: any type
   * not in `excludedContentTypes`. Responses without a Content-Type are then skipped.
   */
  contentTypes?: readonly string[];
  /** Never compress these media types. Default `["text/event-stream"]`, as Starlette. */
  excludedContentTypes?: readonly string[];
}

export interface GZipOptions extends CompressionOptions {
  /**
   * 1 (fastest) to 9 (smallest). Default 6: zlib's own default, most of level 9's savings for
   * a fraction of its CPU (Starlette uses 9).
   */
  compressLevel?: number;
}

export interface BrotliOptions extends CompressionOptions {
  /** 0 (fastest) to 11 (smallest). Default 4, the usual choice for dynamic responses. */
  quality?: number;
}

export interface NegotiatedCompressionOptions extends CompressionOptions {
  /** Codings offered, in the server's order of preference. Default `["br", "gzip"]`. */
  encodings?: readonly Encoding[];
  /** gzip level, 1 to 9. Default 6. */
  gzipLevel?: number;
  /** Brotli quality, 0 to 11. Default 4. */
  brotliQuality?: number;
}

/**
 * GZip with Starlette's rules: applies when `Accept-Encoding` contains `gzip` (a substring
 * test, so `q` weights are not read) and the body has at least `minimumSize` bytes; then the
 * response gets `Content-Encoding: gzip`, `Accept-Encoding` appended to `Vary` and a correct
 * Content-Length. Streamed bodies are compressed chunk by chunk.
 */
export function gzip(options: GZipOptions = {}): Middleware {
  const encoder = createEncoder("gzip", settings({ gzipLevel: options.compressLevel }));
  return compressWith(options, (accept) => (accept?.includes("gzip") ? encoder : null));
}

/** Brotli, when `Accept-Encoding` accepts `br` (with a non-zero `q`). Rules as `gzip()`. */
export function brotli(options: BrotliOptions = {}): Middleware {
  const encoder = createEncoder("br", settings({ brotliQuality: options.quality }));
  return compressWith(options, (accept) =>
    negotiateEncoding(accept, ["br"]) === null ? null : encoder,
  );
}

/**
 * Picks the best coding the client accepts among `encodings` (q weights honoured, ties to the
 * server's order), then compresses as `gzip()` does.
 */
export function compression(options: NegotiatedCompressionOptions = {}): Middleware {
  const names = options.encodings ?? ["br", "gzip"];
  const encoderSettings = settings({
    gzipLevel: options.gzipLevel,
    brotliQuality: options.brotliQuality,
  });
  const encoders = new Map<Encoding, Encoder>();
  for (const name of names) {
    if (name !== "br" && name !== "gzip") {
      throw new TypeError(`compression(): unsupported encoding ${JSON.stringify(name)}`);
    }
    encoders.set(name, createEncoder(name, encoderSettings));
  }
  return compressWith(options, (accept) => {
    const chosen = negotiateEncoding(accept, names);
    return chosen === null ? null : encoders.get(chosen)!;
  });
}

function compressWith(
  options: CompressionOptions,
  choose: (acceptEncoding: string | undefined) => Encoder | null,
): Middleware {
  const rules = planRules(options);
  return (app: ServerApp): ServerApp =>
    async (scope, receive, send) => {
      if (scope.type !== "http") return app(scope, receive, send);
      const encoder = choose(getHeader(scope.headers, "accept-encoding"));
      if (encoder === null) return app(scope, receive, send);
      const compressing = new CompressingSend(send, encoder, rules, scope.method === "HEAD");
      try {
        await app(scope, receive, compressing.send);
      } finally {
        compressing.dispose();
      }
    };
}

function planRules(options: CompressionOptions): CompressionRules {
  const minimumSize = options.minimumSize ?? 500;
  if (!Number.isInteger(minimumSize) || minimumSize < 0) {
    throw new TypeError(`minimumSize must be a non-negative integer, got ${minimumSize}`);
  }
  const excluded = mediaTypeMatcher(options.excludedContentTypes ?? ["text/event-stream"]);
  const allowList = options.contentTypes;
  if (allowList === undefined) {
    return { minimumSize, compressible: (type) => type === undefined || !excluded(type) };
  }
  const allowed = mediaTypeMatcher(allowList);
  return {
    minimumSize,
    compressible: (type) => type !== undefined && allowed(type) && !excluded(type),
  };
}

/** Exact media types in a set, `type/*` families by prefix: no scan per request beyond that. */
function mediaTypeMatcher(types: readonly string[]): (mediaType: string) => boolean {
  const exact = new Set<string>();
  const families: string[] = [];
  for (const raw of types) {
    const type = raw.trim().toLowerCase();
    if (type.endsWith("/*")) families.push(type.slice(0, -1));
    else exact.add(type);
  }
  return (mediaType) => exact.has(mediaType) || families.some((f) => mediaType.startsWith(f));
}

function settings(given: { gzipLevel?: number; brotliQuality?: number }): EncoderSettings {
  const gzipLevel = given.gzipLevel ?? 6;
  const brotliQuality = given.brotliQuality ?? 4;
  if (!Number.isInteger(gzipLevel) || gzipLevel < 1 || gzipLevel > 9) {
    throw new TypeError(`gzip level must be an integer from 1 to 9, got ${gzipLevel}`);
  }
  if (!Number.isInteger(brotliQuality) || brotliQuality < 0 || brotliQuality > 11) {
    throw new TypeError(`brotli quality must be an integer from 0 to 11, got ${brotliQuality}`);
  }
  return { gzipLevel, brotliQuality };
}
