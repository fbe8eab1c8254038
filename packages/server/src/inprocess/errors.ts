/**
 * Errors of the in-process transport. Each has a stable `code`; test the
 * code (or use `instanceof`), never the message.
 */
import type { Headers } from "../types";

export { ClientDisconnected } from "../websocket/errors";

/** The app refused the WebSocket handshake (closed, returned or threw before accepting). */
export class WebSocketRejected extends Error {
  readonly code = "WEBSOCKET_REJECTED";
  /** What a real client sees on the HTTP upgrade: always 403. */
  readonly status = 403;
  /** Close code of the app's `websocket.close`, or `null` if it returned or threw instead. */
  readonly closeCode: number | null;
  readonly reason: string;
  constructor(closeCode: number | null, reason: string, options?: { cause?: unknown }) {
    super(
      closeCode === null
        ? "the app did not accept the WebSocket (403)"
        : `the app rejected the WebSocket with close code ${closeCode}${reason ? ` (${reason})` : ""} (403)`,
      options,
    );
    this.name = "WebSocketRejected";
    this.closeCode = closeCode;
    this.reason = reason;
  }
}

/** The test client read or wrote on a WebSocket that is closed. */
export class WebSocketClosed extends Error {
  readonly code = "WEBSOCKET_CLOSED";
  readonly closeCode: number;
  readonly reason: string;
  constructor(closeCode: number, reason: string) {
    super(`the WebSocket is closed (code ${closeCode}${reason ? `, ${reason}` : ""})`);
    this.name = "WebSocketClosed";
    this.closeCode = closeCode;
    this.reason = reason;
  }
}

/** The response could not be completed (the app failed or broke the rules after it started). */
export class ResponseIncomplete extends Error {
  readonly code = "RESPONSE_INCOMPLETE";
  readonly status: number;
  readonly headers: Headers;
  constructor(status: number, headers: Headers, options: { cause: unknown }) {
    super(`the response (status ${status}) was cut off: ${describeCause(options.cause)}`, options);
    this.name = "ResponseIncomplete";
    this.status = status;
    this.headers = headers;
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
