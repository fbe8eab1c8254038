import { ClientDisconnected, type HTTPRequestMessage, type Receive } from "@typhoon/server";

/**
 * The next `http.request` message of the body. A disconnect becomes the server's
 * `ClientDisconnected`, so callers clean up and rethrow it like any other failure.
 */
export async function nextBodyMessage(receive: Receive): Promise<HTTPRequestMessage> {
  const message = await receive();
  if (message.type === "http.request") return message;
  if (message.type === "http.disconnect") {
    throw new ClientDisconnected("the client disconnected before sending the whole form");
  }
  throw new TypeError(`parseForm: expected http.request, got ${message.type}`);
}
