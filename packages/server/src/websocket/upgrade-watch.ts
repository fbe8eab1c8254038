/**
 * Watching an upgraded socket while the app decides the handshake. Nobody reads it in that
 * time, and HTTP sockets allow half-open connections, so a client that gives up would go
 * unnoticed. Reading it meanwhile turns an EOF into a close; bytes a (broken) client sent
 * ahead of the 101 are kept, within a limit, and put back for `ws` once the app accepts.
 */
import type { Duplex } from "node:stream";

/** Bytes a client may send before the handshake is answered (it should send none). */
const MAX_EARLY_BYTES = 64 * 1024;

export class UpgradeWatch {
  readonly #socket: Duplex;
  #early: Buffer[] = [];
  #earlyBytes = 0;
  #watching = true;

  /** `onClose` runs once when the socket closes, whether or not it is still watched. */
  constructor(socket: Duplex, onClose: () => void) {
    this.#socket = socket;
    if (socket.destroyed) {
      queueMicrotask(onClose); // gone before we got it: no "close" event is coming
      this.#watching = false;
      return;
    }
    socket.once("close", onClose);
    socket.on("data", this.#onData);
    socket.once("end", this.#onEnd);
  }

  /** Stops reading and leaves the socket as node:http handed it over, early bytes first. */
  release(): void {
    if (!this.#watching) return;
    this.#watching = false;
    const socket = this.#socket;
    socket.off("data", this.#onData);
    socket.off("end", this.#onEnd);
    socket.pause();
    for (let i = this.#early.length - 1; i >= 0; i--) socket.unshift(this.#early[i] as Buffer);
    this.#early = [];
    // "Nobody reads yet", exactly as node:http hands an upgraded socket over (it sets this
    // same field), so `ws` attaching its `data` listener starts the flow again.
    (socket as { readableFlowing: boolean | null }).readableFlowing = null;
  }

  #onData = (chunk: Buffer): void => {
    this.#earlyBytes += chunk.length;
    if (this.#earlyBytes > MAX_EARLY_BYTES) this.#socket.destroy();
    else this.#early.push(chunk);
  };

  #onEnd = (): void => {
    this.#socket.destroy();
  };
}
