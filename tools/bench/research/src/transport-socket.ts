// What the net.Server transport variants share: listening on loopback with every socket
// tracked (so close() ends them), and one write per read for the responses it produced.
import type { Server, Socket } from "node:net";

export interface TransportServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface TransportServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Past this many bytes queued for a client that is not reading, the connection is dropped:
 * the variants' one bound on memory (node:http pauses its parser instead).
 */
export const MAX_QUEUED_BYTES = 1024 * 1024;

/** Listens, tracks sockets, and closes them all on close(): sockets never outlive a test. */
export async function listenTransport(
  server: Server,
  options: TransportServerOptions,
): Promise<TransportServer> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    port,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/**
 * The responses to the requests of one read, written together: one write (one syscall) per
 * read, as pipelined answers should go out. Holds no array in the usual one-request case.
 */
export class ResponseBatch {
  readonly #socket: Socket;
  #first: Buffer | null = null;
  readonly #more: Buffer[] = [];

  constructor(socket: Socket) {
    this.#socket = socket;
  }

  add(response: Buffer): void {
    if (this.#first === null) this.#first = response;
    else this.#more.push(response);
  }

  /** Writes what was added; `thenClose` ends the connection after it. */
  flush(thenClose = false): void {
    const first = this.#first;
    if (first === null) {
      if (thenClose) this.#socket.end();
      return;
    }
    let bytes = first;
    if (this.#more.length > 0) {
      bytes = Buffer.concat([first, ...this.#more]);
      this.#more.length = 0;
    }
    this.#first = null;
    const socket = this.#socket;
    if (thenClose) socket.end(bytes);
    else if (!socket.write(bytes) && socket.writableLength > MAX_QUEUED_BYTES) socket.destroy();
  }
}
