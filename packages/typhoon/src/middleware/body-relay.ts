import type { HTTPRequestMessage, Receive, ReceiveMessage } from "@typhoon/server";

const DISCONNECT: ReceiveMessage = { type: "http.disconnect" };

/**
 * Shares one request body between a middleware function and the app below it. Whatever the
 * function read (through its Request) is replayed to the app as one first message, then the
 * app reads on from the connection; a function that read nothing costs one extra call.
 */
export class BodyRelay {
  readonly #receive: Receive;
  #read: Uint8Array[] = [];
  #readAll = false;
  #closed = false;
  /** The app below has been told the client is gone. */
  disconnected = false;

  constructor(receive: Receive) {
    this.#receive = receive;
  }

  /** The receive behind the middleware function's Request: records the chunks it takes. */
  readonly forMiddleware: Receive = async () => {
    const message = await this.#receive();
    if (message.type === "http.request") {
      this.#read.push(message.body);
      if (!message.more_body) this.#readAll = true;
    }
    return message;
  };

  /** The receive the downstream app gets. */
  readonly forApp: Receive = () => {
    // The middleware answered by itself: for the app below, the client is gone.
    if (this.#closed) {
      this.disconnected = true;
      return Promise.resolve(DISCONNECT);
    }
    if (this.#read.length > 0) {
      const chunks = this.#read;
      this.#read = [];
      const replay: HTTPRequestMessage = {
        type: "http.request",
        body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        more_body: !this.#readAll,
      };
      return Promise.resolve(replay);
    }
    return this.#receive().then((message) => {
      if (message.type === "http.disconnect") this.disconnected = true;
      return message;
    });
  };

  /** From now on the app below sees a disconnect. */
  close(): void {
    this.#closed = true;
  }
}
