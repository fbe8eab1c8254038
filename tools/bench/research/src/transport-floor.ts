// Transport variant (b): A MEASUREMENT FLOOR, NOT A SERVER. A net.Server that finds each
// request's "\r\n\r\n", reads the request line and answers GET /hello (anything else 404)
// with node:http's bytes, pipelined requests included. It reads no header, so it cannot
// frame a body, honour `Connection: close` or HTTP/1.0, validate anything or time anything
// out; it accepts "GET ... HTTP/1.1" only and closes the connection on anything else. It
// exists to show what the cheapest possible HTTP/1.1 keep-alive exchange costs in Node.
import { createServer, type Socket } from "node:net";
import { cannedResponses, REFUSALS } from "./transport-response";
import {
  listenTransport,
  ResponseBatch,
  type TransportServer,
  type TransportServerOptions,
} from "./transport-socket";

const HEAD_END = Buffer.from("\r\n\r\n", "latin1");
const VERSION_LINE = Buffer.from("HTTP/1.1\r\n", "latin1");
const HELLO = Buffer.from("/hello", "latin1");
/** Bytes a request head may take before the floor gives up on it (node:http's default). */
export const MAX_HEAD_BYTES = 16 * 1024;

/** True when `data` holds `expected` at `at` (bounds included: a short buffer is no match). */
function bytesAt(data: Buffer, at: number, expected: Buffer): boolean {
  if (at + expected.length > data.length) return false;
  for (let i = 0; i < expected.length; i++) if (data[at + i] !== expected[i]) return false;
  return true;
}

/**
 * The answer to the request whose head is data[start, headEnd): a canned response, or a
 * refusal after which the connection closes.
 */
export function answerFloor(data: Buffer, start: number, headEnd: number): Buffer {
  // "GET " only: any other method may carry a body, which a floor that reads no header
  // cannot frame.
  if (data[start] !== 0x47 || data[start + 1] !== 0x45 || data[start + 2] !== 0x54) {
    return REFUSALS.notImplemented;
  }
  if (data[start + 3] !== 0x20) return REFUSALS.notImplemented;
  // The target runs to the next space; a CR first means no version (data[headEnd] is a CR).
  let space = start + 4;
  while (space < headEnd && data[space] !== 0x20 && data[space] !== 0x0d) space++;
  if (space === start + 4 || data[space] !== 0x20) return REFUSALS.badRequest;
  if (!bytesAt(data, space + 1, VERSION_LINE)) return REFUSALS.versionNotSupported;
  const responses = cannedResponses();
  const isHello = space - (start + 4) === HELLO.length && bytesAt(data, start + 4, HELLO);
  return isHello ? responses.hello : responses.notFound;
}

const isRefusal = (response: Buffer) =>
  response === REFUSALS.notImplemented ||
  response === REFUSALS.badRequest ||
  response === REFUSALS.versionNotSupported;

/** One connection: the unparsed tail of the last read and the responses of this one. */
class FloorConnection {
  readonly #batch: ResponseBatch;
  #pending: Buffer | null = null;
  #closed = false;

  constructor(socket: Socket) {
    this.#batch = new ResponseBatch(socket);
    socket.on("data", (chunk: Buffer) => this.#onData(chunk));
    // A client that resets is no error of ours; without a listener it would crash the process.
    socket.on("error", () => socket.destroy());
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    const data = this.#pending === null ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#pending = null;
    let start = 0;
    // Bounded: every pass moves `start` past a "\r\n\r\n" found after it, or stops.
    while (start < data.length) {
      const headEnd = data.indexOf(HEAD_END, start);
      if (headEnd === -1) break;
      const response = answerFloor(data, start, headEnd);
      this.#batch.add(response);
      if (isRefusal(response)) {
        this.#close();
        return;
      }
      start = headEnd + HEAD_END.length;
    }
    if (start < data.length) {
      if (data.length - start > MAX_HEAD_BYTES) {
        this.#batch.add(REFUSALS.headersTooLarge);
        this.#close();
        return;
      }
      this.#pending = data.subarray(start);
    }
    this.#batch.flush();
  }

  #close(): void {
    this.#closed = true;
    this.#pending = null;
    this.#batch.flush(true);
  }
}

/** Starts the floor on `host:port` (see the top of this file for what it is not). */
export function startFloorServer(options: TransportServerOptions): Promise<TransportServer> {
  // noDelay as node:http sets it, so the two differ in parsing and objects, not in Nagle.
  const server = createServer({ noDelay: true }, (socket) => new FloorConnection(socket));
  return listenTransport(server, options);
}
