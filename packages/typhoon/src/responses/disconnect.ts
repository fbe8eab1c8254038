import type { Receive } from "@typhoon/server";

/**
 * Listens for `http.disconnect` while a response streams, by reading `receive()` in the
 * background (any unread request body is drained and dropped, as Starlette does). Hosts
 * also answer `http.disconnect` once the response is complete, so the watch always ends.
 */
export class DisconnectWatch {
  disconnected = false;
  readonly #onDisconnect: () => void;

  constructor(receive: Receive, onDisconnect: () => void = noop) {
    this.#onDisconnect = onDisconnect;
    void this.#watch(receive);
  }

  async #watch(receive: Receive): Promise<void> {
    // Bounded: each turn consumes one message of a finite request body, and the host ends
    // the sequence with `http.disconnect` (at the latest when the response completes).
    for (;;) {
      let type: string;
      try {
        type = (await receive()).type;
      } catch {
        return; // another reader holds receive(): we cannot watch, and the stream goes on
      }
      if (type === "http.disconnect") break;
      if (type !== "http.request") return; // not an HTTP exchange: nothing to watch
    }
    this.disconnected = true;
    this.#onDisconnect();
  }
}

function noop(): void {}
