import type { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import type { Logger } from "../logger";
import { rawErrorResponse } from "./raw-response";
import { endIdle } from "./socket-state";

/** What Node's http server keeps on a socket: the response being written on it. */
type HttpSocket = Socket & { _httpMessage?: { headersSent: boolean } | null };

/** Answers a raw socket with an error response, then closes it once that is flushed. */
export function endWithError(socket: Socket, status: number, detail?: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawErrorResponse(status, detail), () => socket.destroy());
}

/**
 * Counts open connections and refuses those over `maxConnections` with a 503 (instead of the
 * silent drop of Node's own `server.maxConnections`). (Node's headersTimeout already covers
 * a connection that never sends a byte: it counts from the connection's start.)
 */
export class ConnectionGuard {
  #open = 0;
  /** Admitted sockets still speaking HTTP (upgraded ones belong to the WebSocket host). */
  #http = new Set<Socket>();
  #refused = new WeakSet<Socket>();
  #refusedOpen = 0;
  /**
   * One 'close' listener shared by every admitted socket (`this` is the socket): a closure or
   * a `once` wrapper per socket would stay alive as long as each idle keep-alive connection.
   */
  readonly #onAdmittedClose: (this: Socket) => void;

  constructor(private readonly maxConnections: number) {
    const guard = this;
    this.#onAdmittedClose = function (this: Socket) {
      guard.#open--;
      guard.#http.delete(this);
    };
  }

  get open(): number {
    return this.#open;
  }

  /** Listener for 'connection' (http) / 'secureConnection' (https). */
  readonly onConnection = (socket: Socket): void => {
    if (this.#open >= this.maxConnections) {
      this.#refused.add(socket);
      this.#refusedOpen++;
      socket.once("close", this.#onRefusedClose);
      socket.on("error", () => socket.destroy());
      endWithError(socket, 503, "Server at connection limit, try again later");
      return;
    }
    this.#open++;
    this.#http.add(socket);
    // 'close' is emitted once per socket, so a plain listener needs no `once` wrapper.
    socket.on("close", this.#onAdmittedClose);
  };

  /** The socket was handed to the WebSocket host: graceful close is its business now. */
  upgraded(socket: Socket): void {
    this.#http.delete(socket);
  }

  /** Ends every HTTP connection with no request in flight or arriving. */
  endIdle(): void {
    for (const socket of this.#http) endIdle(socket);
  }

  /** The end of the grace period: whatever is still open goes. */
  destroyAll(): void {
    for (const socket of this.#http) socket.destroy();
  }

  /** A request or upgrade arrived on `socket`: false if the socket was refused (ignore it). */
  admit(socket: Socket): boolean {
    return this.#refusedOpen === 0 || !this.#refused.has(socket);
  }

  #onRefusedClose = (): void => {
    this.#refusedOpen--;
  };
}

/** Node's parser errors → the status a client should see, as in Node's own answers. */
function statusForClientError(code: string | undefined): number {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return 431;
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return 408;
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return 413;
    default:
      return 400;
  }
}

/** Installs the 'clientError' handler: a JSON error and a closed connection, never a hang. */
export function handleClientErrors(server: EventEmitter, logger: Logger): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: HttpSocket) => {
    const code = error.code;
    if (
      code === "ECONNRESET" ||
      code === "EPIPE" ||
      !socket.writable ||
      socket._httpMessage?.headersSent
    ) {
      socket.destroy();
      return;
    }
    const status = statusForClientError(code);
    logger.debug?.(`Rejected a request with ${status}: ${error.message}`);
    endWithError(socket, status);
  });
}
