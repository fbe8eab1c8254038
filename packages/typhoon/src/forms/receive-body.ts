import { ClientDisconnected, type HTTPRequestMessage, type ReceiveMessage } from "@typhoon/server";

/**
 * Checks that a received message is the next piece of the body. A disconnect becomes the
 * server's `ClientDisconnected`, so callers clean up and rethrow it like any other failure.
 * (A sync check after `await receive()` rather than an async wrapper: one hop less per chunk.)
 */
export function bodyMessage(message: ReceiveMessage): HTTPRequestMessage {
  if (message.type === "http.request") return message;
  if (message.type === "http.disconnect") {
    throw new ClientDisconnected("the client disconnected before sending the whole form");
  }
  throw new TypeError(`parseForm: expected http.request, got ${message.type}`);
}
