/**
 * Sends an already opened file as an HTTP response: validators, conditional GET (304),
 * byte ranges (206, multipart/byteranges for several, 416 when none fits) and HEAD, streamed
 * from disk in chunks with each send awaited. The caller owns (and closes) the handle.
 */
import { randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { type Headers as HeaderPairs, headerValue, type Receive, type Send } from "@typhoon/server";
import { entityTag, httpDate, ifRangeMatches, isNotModified, requestHeader } from "./conditional";
import { DisconnectWatch } from "./disconnect";
import { type ByteRange, parseRange } from "./ranges";

export interface OpenedFile {
  handle: FileHandle;
  size: number;
  mtimeMs: number;
}

export interface FileSendOptions {
  status: number;
  /** The response headers; this list is modified (pass a copy you own). */
  headers: HeaderPairs;
  method: string | undefined;
  receive: Receive | undefined;
  /** Request headers: without them no conditional GET or range is possible. */
  requestHeaders: HeaderPairs | undefined;
}

/** Read size per chunk: large enough for few syscalls, small enough to bound memory. */
export const FILE_CHUNK_SIZE = 64 * 1024;

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();
/** What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5), plus cookies being set. */
const NOT_MODIFIED_KEEPS = new Set([
  "cache-control",
  "content-location",
  "date",
  "etag",
  "expires",
  "last-modified",
  "set-cookie",
  "vary",
]);

/** A piece of the body: literal bytes (multipart framing) or a range of the file. */
type Piece = Uint8Array | ByteRange;

export async function sendOpenedFile(
  send: Send,
  file: OpenedFile,
  options: FileSendOptions,
): Promise<void> {
  const { size, mtimeMs } = file;
  const headers = options.headers;
  removeHeader(headers, "content-length");
  const etag = headerValue(headers, "etag") ?? pushed(headers, "etag", entityTag(size, mtimeMs));
  if (headerValue(headers, "last-modified") === undefined) {
    headers.push(["last-modified", httpDate(mtimeMs)]);
  }
  const method = options.method ?? "GET";
  const isHead = method === "HEAD";
  // Conditions and ranges describe the file itself: only a plain 200 GET/HEAD negotiates.
  const request =
    options.status === 200 && (isHead || method === "GET") ? options.requestHeaders : undefined;
  if (request !== undefined && isNotModified(request, etag, mtimeMs)) {
    const kept = headers.filter(([name]) => NOT_MODIFIED_KEEPS.has(name));
    return sendEmpty(send, 304, kept);
  }
  if (options.status === 200) headers.push(["accept-ranges", "bytes"]);
  let status = options.status;
  let pieces: Piece[] = size === 0 ? [] : [{ start: 0, end: size - 1 }];
  const range = request === undefined ? undefined : requestHeader(request, "range");
  if (range !== undefined && request !== undefined) {
    const ifRange = requestHeader(request, "if-range");
    const parsed =
      ifRange === undefined || ifRangeMatches(ifRange, etag, mtimeMs)
        ? parseRange(range, size)
        : { kind: "ignore" as const };
    if (parsed.kind === "unsatisfiable") {
      const kept = headers.filter(([name]) => name !== "content-type");
      kept.push(["content-range", `bytes */${size}`], ["content-length", "0"]);
      return sendEmpty(send, 416, kept);
    }
    if (parsed.kind === "ranges") {
      status = 206;
      const [first] = parsed.ranges;
      if (parsed.ranges.length === 1 && first !== undefined) {
        headers.push(["content-range", `bytes ${first.start}-${first.end}/${size}`]);
        pieces = [first];
      } else {
        pieces = multipart(headers, parsed.ranges, size);
      }
    }
  }
  let length = 0;
  for (const piece of pieces) length += pieceLength(piece);
  headers.push(["content-length", String(length)]);
  await send({ type: "http.response.start", status, headers });
  if (isHead || pieces.length === 0) {
    await send({ type: "http.response.body", body: EMPTY });
    return;
  }
  // Watching costs a background receive(): only worth it when the body takes several sends.
  const watch =
    options.receive !== undefined && length > FILE_CHUNK_SIZE
      ? new DisconnectWatch(options.receive)
      : null;
  await streamPieces(send, file.handle, pieces, watch);
}

/** Turns the response into multipart/byteranges and returns its pieces (framing + ranges). */
function multipart(headers: HeaderPairs, ranges: ByteRange[], size: number): Piece[] {
  const boundary = randomBytes(12).toString("hex");
  const contentType = headerValue(headers, "content-type");
  removeHeader(headers, "content-type");
  headers.push(["content-type", `multipart/byteranges; boundary=${boundary}`]);
  const typeLine = contentType === undefined ? "" : `Content-Type: ${contentType}\r\n`;
  const pieces: Piece[] = [];
  ranges.forEach((range, i) => {
    const head = `${i === 0 ? "" : "\r\n"}--${boundary}\r\n${typeLine}Content-Range: bytes ${range.start}-${range.end}/${size}\r\n\r\n`;
    pieces.push(encoder.encode(head), range);
  });
  pieces.push(encoder.encode(`\r\n--${boundary}--\r\n`));
  return pieces;
}

async function streamPieces(
  send: Send,
  handle: FileHandle,
  pieces: Piece[],
  watch: DisconnectWatch | null,
): Promise<void> {
  const lastIndex = pieces.length - 1;
  for (let i = 0; i <= lastIndex; i++) {
    const piece = pieces[i] as Piece;
    const isLast = i === lastIndex;
    if (watch?.disconnected) return;
    if (piece instanceof Uint8Array) {
      await send({ type: "http.response.body", body: piece, more_body: !isLast });
      continue;
    }
    let position = piece.start;
    const end = piece.end + 1;
    // Bounded: every turn advances by at least one byte, or throws.
    while (position < end) {
      if (watch?.disconnected) return;
      const wanted = Math.min(FILE_CHUNK_SIZE, end - position);
      // A fresh buffer per chunk: the host may still hold the previous one in its queue.
      const buffer = Buffer.allocUnsafe(wanted);
      const { bytesRead } = await handle.read(buffer, 0, wanted, position);
      if (bytesRead === 0) {
        // The head promised more bytes than the file now has: fail, so the host cuts the
        // response instead of hanging or padding it.
        throw new Error(
          `The file shrank while being sent (expected bytes ${position}..${end - 1})`,
        );
      }
      position += bytesRead;
      const body = bytesRead === wanted ? buffer : buffer.subarray(0, bytesRead);
      await send({ type: "http.response.body", body, more_body: !(isLast && position >= end) });
    }
  }
}

async function sendEmpty(send: Send, status: number, headers: HeaderPairs): Promise<void> {
  await send({ type: "http.response.start", status, headers });
  await send({ type: "http.response.body", body: EMPTY });
}

function pieceLength(piece: Piece): number {
  return piece instanceof Uint8Array ? piece.byteLength : piece.end - piece.start + 1;
}

function pushed(headers: HeaderPairs, name: string, value: string): string {
  headers.push([name, value]);
  return value;
}

function removeHeader(headers: HeaderPairs, name: string): void {
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]![0] === name) headers.splice(i, 1);
}
