import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Receive, ReceiveMessage } from "@typhoon/server";

export const BOUNDARY = "----typhoon-test-boundary-7MA4YWxkTrZu0gW";
export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
export const URLENCODED = "application/x-www-form-urlencoded";

export interface Part {
  name: string;
  /** Sets `filename="..."` (raw) unless `disposition` is given. */
  filename?: string;
  /** Replaces the whole Content-Disposition value. */
  disposition?: string;
  contentType?: string;
  /** Extra header lines, as written. */
  headers?: string[];
  body: string | Uint8Array;
}

/** A multipart/form-data body built by hand, with CRLF line endings as RFC 7578 wants. */
export function multipartBody(parts: Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const lines = [`--${boundary}`];
    const disposition =
      part.disposition ??
      (part.filename === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.filename}"`);
    lines.push(`Content-Disposition: ${disposition}`);
    if (part.contentType !== undefined) lines.push(`Content-Type: ${part.contentType}`);
    if (part.headers) lines.push(...part.headers);
    chunks.push(Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "utf8"));
    chunks.push(
      typeof part.body === "string" ? Buffer.from(part.body, "utf8") : Buffer.from(part.body),
    );
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Mulberry32: a tiny seeded PRNG, so a failing chunking case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FakeReceive extends Receive {
  /** Messages handed out so far. */
  readonly calls: number;
}

/**
 * An ASGI receive that yields `body` in chunks: fixed `sizes` (cycled), or random sizes from
 * `random` up to `maxChunk`. `disconnectAfter` replaces the rest with `http.disconnect`.
 */
export function fakeReceive(
  body: Uint8Array | string,
  options: {
    sizes?: number[];
    random?: () => number;
    maxChunk?: number;
    disconnectAfter?: number;
  } = {},
): FakeReceive {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const messages: ReceiveMessage[] = [];
  let offset = 0;
  let index = 0;
  const maxChunk = options.maxChunk ?? 64;
  do {
    const size = options.sizes
      ? (options.sizes[index++ % options.sizes.length] ?? bytes.length)
      : options.random
        ? 1 + Math.floor(options.random() * maxChunk)
        : bytes.length;
    const end = Math.min(bytes.length, offset + Math.max(size, 0));
    messages.push({
      type: "http.request",
      body: bytes.subarray(offset, end),
      more_body: end < bytes.length,
    });
    offset = end;
  } while (offset < bytes.length);
  if (options.disconnectAfter !== undefined) {
    messages.length = options.disconnectAfter;
    messages.push({ type: "http.disconnect" });
  }
  let calls = 0;
  const receive = async (): Promise<ReceiveMessage> => {
    const message = messages[calls] ?? { type: "http.disconnect" };
    calls++;
    return message;
  };
  Object.defineProperty(receive, "calls", { get: () => calls });
  return receive as FakeReceive;
}

/** A fresh directory to pass as `tempDir`, so tests can count what parsing leaves behind. */
export async function makeTempRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), "typhoon-forms-test-"));
}

/** Every entry (recursively) under `root`. */
export async function tempEntries(root: string): Promise<string[]> {
  return readdir(root, { recursive: true });
}

export async function removeTempRoot(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}
