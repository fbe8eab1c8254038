/**
 * A WebSocket client over `node:net` that writes frames byte by byte, so the bad-input suites
 * can send what the `ws` client refuses to: unmasked frames, reserved bits and opcodes,
 * broken fragmentation, invalid close codes, invalid UTF-8, lying lengths.
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import { SocketRegistry } from "./raw-connection";
import { Waiters } from "./wait";

export interface FrameOptions {
  fin?: boolean;
  /** RSV1..3 as a 3-bit number (0 = none). */
  rsv?: number;
  opcode: number;
  payload?: Buffer | string;
  /** Default true: clients must mask. */
  masked?: boolean;
  /** Announce this length instead of the payload's (a lying header). */
  declaredLength?: number;
}

export const OP = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** Encodes one client frame. */
export function frame(options: FrameOptions): Buffer {
  const payload =
    typeof options.payload === "string"
      ? Buffer.from(options.payload)
      : (options.payload ?? Buffer.alloc(0));
  const length = options.declaredLength ?? payload.length;
  const masked = options.masked ?? true;
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | options.opcode;
  let head: Buffer;
  if (length < 126) {
    head = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  } else if (length < 65536) {
    head = Buffer.alloc(4);
    head[0] = first;
    head[1] = (masked ? 0x80 : 0) | 126;
    head.writeUInt16BE(length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = first;
    head[1] = (masked ? 0x80 : 0) | 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([head, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ mask[i % 4]!;
  return Buffer.concat([head, mask, body]);
}

/** A close frame's payload: the code, then the reason bytes. */
export function closePayload(code: number, reason: Buffer | string = ""): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(code, 0);
  return Buffer.concat([out, typeof reason === "string" ? Buffer.from(reason) : reason]);
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

const rawWebSockets = new SocketRegistry();

/** Destroys every RawWebSocket a test left open. */
export function destroyRawWebSockets(): void {
  rawWebSockets.destroyAll();
}

/** An upgraded raw connection: frames out as written, frames in as parsed. */
export class RawWebSocket {
  readonly socket: net.Socket;
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<void>;
  #buffer: Buffer;
  #waiters = new Waiters();
  #ended = false;

  private constructor(socket: net.Socket, rest: Buffer) {
    this.socket = socket;
    this.#buffer = rest;
    socket.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.#ended = true;
        this.#waiters.notify();
        resolve();
      }),
    );
    this.#parse();
  }

  /** Opens the connection and completes the handshake (rejects unless the answer is 101). */
  static connect(port: number, path = "/"): Promise<RawWebSocket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1");
      rawWebSockets.track(socket);
      socket.on("error", () => {});
      socket.once("error", reject);
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end === -1) return;
        socket.off("data", onData);
        const status = head.subarray(0, 12).toString("latin1");
        if (!status.startsWith("HTTP/1.1 101")) {
          socket.destroy();
          reject(new Error(`handshake refused: ${head.toString("latin1")}`));
          return;
        }
        resolve(new RawWebSocket(socket, head.subarray(end + 4)));
      };
      socket.on("data", onData);
      socket.once("connect", () => {
        socket.write(
          `GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
    });
  }

  get isOpen(): boolean {
    return !this.#ended;
  }

  send(...frames: Buffer[]): void {
    if (!this.socket.destroyed) this.socket.write(Buffer.concat(frames));
  }

  /**
   * The close code of the server's first close frame (answered with our own close frame, as
   * the protocol asks), or null if the connection ended without one.
   */
  async closeCode(timeoutMs = 5_000): Promise<number | null> {
    const closeFrame = () => this.frames.find((f) => f.opcode === OP.close);
    await this.until(() => this.#ended || closeFrame() !== undefined, timeoutMs);
    const close = closeFrame();
    if (close === undefined) return null;
    this.send(frame({ opcode: OP.close, payload: close.payload.subarray(0, 2) }));
    return close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null;
  }

  /** Text of the data frames received so far. */
  texts(): string[] {
    return this.frames.filter((f) => f.opcode === OP.text).map((f) => f.payload.toString("utf8"));
  }

  until(test: () => boolean, timeoutMs = 5_000): Promise<void> {
    const opcodes = () => `frames so far: ${this.frames.map((f) => f.opcode).join(",")}`;
    return this.#waiters.until(test, timeoutMs, opcodes);
  }

  #parse(): void {
    for (let guard = 0; guard < 100_000; guard++) {
      const b = this.#buffer;
      if (b.length < 2) break;
      let length = b[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) break;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) break;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      if (b.length < offset + length) break;
      this.frames.push({ opcode: b[0]! & 0x0f, payload: b.subarray(offset, offset + length) });
      this.#buffer = b.subarray(offset + length);
    }
    this.#waiters.notify();
  }
}
