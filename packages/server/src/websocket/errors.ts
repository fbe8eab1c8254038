/**
 * Errors a host raises into the app. Each carries a stable `code` so callers test the code,
 * never the message or the class name.
 */

/**
 * `send()` was called after the peer went away. ASGI 2.4 asks hosts to raise here rather than
 * drop the message silently, so a send loop ends instead of spinning on a dead connection.
 */
export class ClientDisconnected extends Error {
  readonly code = "CLIENT_DISCONNECTED";
  constructor(message = "the client disconnected") {
    super(message);
    this.name = "ClientDisconnected";
  }
}

/** The app broke the websocket.* message rules (send before accept, bad close code, ...). */
export class WebSocketProtocolError extends Error {
  readonly code = "WEBSOCKET_PROTOCOL_ERROR";
  constructor(message: string) {
    super(message);
    this.name = "WebSocketProtocolError";
  }
}
