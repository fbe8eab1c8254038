/**
 * Raw TCP connections for the socket suites: we write exactly the bytes we want (no client
 * library fixes them up) and read back the server's bytes as text or as parsed responses.
 * Every connection opened here is remembered until `destroyRawConnections()` (call it from
 * afterEach, before closing the servers) so a failing test leaves no socket behind.
 */
import net from "node:net";
import { parseResponses, type RawResponse } from "./raw-response";
import { Waiters } from "./wait";

/** Client sockets a test opened, each remembered until it closes, destroyed all at once. */
export class SocketRegistry {
  readonly #open = new Set<net.Socket>();

  track(socket: net.Socket): void {
    this.#open.add(socket);
    socket.once("close", () => this.#open.delete(socket));
  }

  destroyAll(): void {
    for (const socket of this.#open) socket.destroy();
    this.#open.clear();
  }
}

const rawConnections = new SocketRegistry();

/** Destroys every RawConnection a test left open. */
export function destroyRawConnections(): void {
  rawConnections.destroyAll();
}

/** One TCP connection to 127.0.0.1: write bytes, wait for text, responses or the close. */
export class RawConnection {
  readonly socket: net.Socket;
  /** Resolves once the connection is closed (by either side). */
  readonly closed: Promise<void>;
  #text = "";
  #chunks: Buffer[] = [];
  #bytes: Buffer | null = null;
  #ended = false;
  #waiters = new Waiters();

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.#chunks.push(chunk);
      this.#bytes = null;
      this.#text += chunk.toString("latin1");
      this.#waiters.notify();
    });
    socket.on("error", () => {});
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.#ended = true;
        this.#waiters.notify();
        resolve();
      }),
    );
  }

  static connect(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawConnection(socket)));
      rawConnections.track(socket);
      socket.once("error", reject);
    });
  }

  get isClosed(): boolean {
    return this.#ended || this.socket.destroyed;
  }

  /** Everything received so far, as latin1 text (one character per byte). */
  get received(): string {
    return this.#text;
  }

  /** Writes strings as latin1 (one byte per character), so a test controls every byte. */
  write(data: string | Buffer): boolean {
    if (this.socket.destroyed) return false;
    return this.socket.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  /** Half-closes: the server reads EOF after what was written. */
  end(): void {
    if (!this.socket.destroyed) this.socket.end();
  }

  /** Waits (bounded) until the received text satisfies `test`; returns that text. */
  async until(test: (received: string) => boolean, timeoutMs = 5_000): Promise<string> {
    await this.#until(() => test(this.#text), timeoutMs);
    return this.#text;
  }

  /** Everything the server sent, once the connection closed (bounded wait). */
  async untilClosed(timeoutMs = 5_000): Promise<string> {
    await this.#until(() => this.#ended, timeoutMs);
    return this.#text;
  }

  /** Every response the server sent, once the connection closed (bounded wait). */
  async responsesUntilClosed(timeoutMs = 5_000): Promise<RawResponse[]> {
    await this.#until(() => this.#ended, timeoutMs);
    return parseResponses(this.#received(), true);
  }

  /** Waits (bounded) for the `count`-th complete response; rejects if the connection closes first. */
  async response(count = 1, timeoutMs = 5_000): Promise<RawResponse> {
    await this.#until(
      () => this.#ended || parseResponses(this.#received(), false).length >= count,
      timeoutMs,
    );
    const responses = parseResponses(this.#received(), this.#ended);
    const response = responses[count - 1];
    if (response === undefined) {
      throw new Error(
        `connection closed after ${responses.length} response(s): ${JSON.stringify(this.#text)}`,
      );
    }
    return response;
  }

  #received(): Buffer {
    if (this.#bytes === null) {
      this.#bytes = Buffer.concat(this.#chunks);
      this.#chunks = [this.#bytes]; // the next concat starts from what is joined already
    }
    return this.#bytes;
  }

  #until(test: () => boolean, timeoutMs: number): Promise<void> {
    return this.#waiters.until(
      test,
      timeoutMs,
      () => `received so far: ${JSON.stringify(this.#text.slice(0, 500))}`,
    );
  }
}

/** Sends `request` on a fresh connection and returns everything answered before the close. */
export async function sendRaw(
  port: number,
  request: string | Buffer,
  timeoutMs = 5_000,
): Promise<RawResponse[]> {
  const connection = await RawConnection.connect(port);
  connection.write(request);
  return connection.responsesUntilClosed(timeoutMs);
}
