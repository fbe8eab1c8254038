/**
 * Raw HTTP over `node:net` for the bad-input suites: we write exactly the bytes we want (no
 * client library fixes them up) and parse what comes back by hand, so a case can assert the
 * status, the headers and the JSON body of the server's answer.
 */
import net from "node:net";

export interface RawResponse {
  status: number;
  /** Lower-case names, in arrival order. */
  headers: Array<[string, string]>;
  body: Buffer;
}

export function header(response: RawResponse, name: string): string | undefined {
  return response.headers.find(([key]) => key === name)?.[1];
}

/** The body as JSON (throws if it is not). */
export function jsonBody(response: RawResponse): unknown {
  return JSON.parse(response.body.toString("utf8"));
}

/**
 * Parses every complete response at the start of `data` (Content-Length or chunked framing,
 * or up to the end for a response that closes). `ended` says the connection is closed, so a
 * body without framing runs to the end of the data.
 */
export function parseResponses(data: Buffer, ended: boolean): RawResponse[] {
  const out: RawResponse[] = [];
  let offset = 0;
  for (let guard = 0; guard < 1000 && offset < data.length; guard++) {
    const headEnd = data.indexOf("\r\n\r\n", offset, "latin1");
    if (headEnd === -1) break;
    const lines = data.subarray(offset, headEnd).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1] ?? Number.NaN);
    const headers: Array<[string, string]> = [];
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
    }
    let cursor = headEnd + 4;
    const length = headers.find(([name]) => name === "content-length")?.[1];
    const chunked = headers.some(([n, v]) => n === "transfer-encoding" && /chunked/i.test(v));
    let body: Buffer;
    if (status < 200 || status === 204 || status === 304) {
      body = Buffer.alloc(0);
    } else if (length !== undefined) {
      const end = cursor + Number(length);
      if (end > data.length) break;
      body = data.subarray(cursor, end);
      cursor = end;
    } else if (chunked) {
      const decoded = decodeChunked(data, cursor);
      if (decoded === null) break;
      body = decoded.body;
      cursor = decoded.end;
    } else {
      if (!ended) break;
      body = data.subarray(cursor);
      cursor = data.length;
    }
    out.push({ status, headers, body });
    offset = cursor;
  }
  return out;
}

function decodeChunked(data: Buffer, start: number): { body: Buffer; end: number } | null {
  const parts: Buffer[] = [];
  let cursor = start;
  for (let guard = 0; guard < 100_000; guard++) {
    const lineEnd = data.indexOf("\r\n", cursor, "latin1");
    if (lineEnd === -1) return null;
    const size = Number.parseInt(data.subarray(cursor, lineEnd).toString("latin1"), 16);
    cursor = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = data.indexOf("\r\n", cursor, "latin1");
      return trailerEnd === -1 ? null : { body: Buffer.concat(parts), end: trailerEnd + 2 };
    }
    if (cursor + size + 2 > data.length) return null;
    parts.push(data.subarray(cursor, cursor + size));
    cursor += size + 2;
  }
  return null;
}

const open = new Set<net.Socket>();

/** Destroys every connection a test left open (call from afterEach). */
export function destroyRawConnections(): void {
  for (const socket of open) socket.destroy();
  open.clear();
}

/** One TCP connection: write bytes, wait for parsed responses or for the server to close. */
export class RawConnection {
  readonly socket: net.Socket;
  #data = Buffer.alloc(0);
  #ended = false;
  #waiters = new Set<() => void>();
  readonly closed: Promise<void>;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.#data = Buffer.concat([this.#data, chunk]);
      this.#notify();
    });
    socket.on("error", () => {});
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.#ended = true;
        open.delete(socket);
        this.#notify();
        resolve();
      }),
    );
  }

  static connect(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawConnection(socket)));
      open.add(socket);
      socket.once("error", reject);
    });
  }

  get isClosed(): boolean {
    return this.#ended;
  }

  /** Everything received so far, as latin1 text. */
  get received(): string {
    return this.#data.toString("latin1");
  }

  write(data: string | Buffer): void {
    if (!this.socket.destroyed)
      this.socket.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  /** Half-closes: the server reads EOF after what was written. */
  end(): void {
    if (!this.socket.destroyed) this.socket.end();
  }

  /** Waits (bounded) for the `count`-th complete response; rejects if the connection closes first. */
  async response(count = 1, timeoutMs = 5_000): Promise<RawResponse> {
    await this.#until(
      () => parseResponses(this.#data, this.#ended).length >= count || this.#ended,
      timeoutMs,
    );
    const responses = parseResponses(this.#data, this.#ended);
    const response = responses[count - 1];
    if (response === undefined) {
      throw new Error(
        `connection closed after ${responses.length} response(s): ${JSON.stringify(this.received)}`,
      );
    }
    return response;
  }

  /** Every response the server sent, once it closed the connection (bounded wait). */
  async untilClosed(timeoutMs = 5_000): Promise<RawResponse[]> {
    await this.#until(() => this.#ended, timeoutMs);
    return parseResponses(this.#data, true);
  }

  #until(test: () => boolean, timeoutMs: number): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(`timed out; received so far: ${JSON.stringify(this.received.slice(0, 500))}`),
        );
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
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
  return connection.untilClosed(timeoutMs);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits (bounded) until `test()` holds. */
export async function eventually(test: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}
