/**
 * The websocket.* rules every host applies to what the app sends, so the Node host and the
 * in-process transport accept and refuse exactly the same messages.
 */
import type {
  Headers,
  WebSocketAcceptMessage,
  WebSocketCloseMessage,
  WebSocketSendMessage,
} from "../types";
import { WebSocketProtocolError } from "./errors";

/** Close frames carry at most 125 payload bytes, 2 of which are the code. */
const MAX_REASON_BYTES = 123;

// RFC 7230 `token`: what a header name may contain.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What Node's own header check allows in a value (latin-1 minus control characters).
const BAD_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
// Headers the handshake itself owns; an app setting them would corrupt the 101 response.
const HANDSHAKE_HEADERS = new Set(["upgrade", "connection", "sec-websocket-accept"]);

/** Codes an endpoint may put in a close frame (RFC 6455 7.4, as `ws` checks them). */
export function isValidCloseCode(code: number): boolean {
  return (
    Number.isInteger(code) &&
    ((code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
      (code >= 3000 && code <= 4999))
  );
}

/** `Sec-WebSocket-Protocol` values in the client's order (`undefined` header → none). */
export function parseSubprotocols(header: string | undefined): string[] {
  if (header === undefined || header === "") return [];
  const out: string[] = [];
  for (const part of header.split(",")) {
    const name = part.trim();
    if (name !== "") out.push(name);
  }
  return out;
}

/** Throws unless every pair is a well-formed header; names must be lower-case tokens. */
export function checkHeaders(headers: unknown, context: string): asserts headers is Headers {
  if (!Array.isArray(headers)) {
    throw new WebSocketProtocolError(`${context}: headers must be an array of [name, value]`);
  }
  for (const pair of headers) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new WebSocketProtocolError(`${context}: each header must be a [name, value] pair`);
    }
    const [name, value] = pair as [unknown, unknown];
    if (typeof name !== "string" || !TOKEN.test(name)) {
      throw new WebSocketProtocolError(`${context}: invalid header name ${JSON.stringify(name)}`);
    }
    if (typeof value !== "string" || BAD_VALUE_CHAR.test(value)) {
      throw new WebSocketProtocolError(
        `${context}: invalid value for header "${name}" (control characters such as CR/LF are not allowed)`,
      );
    }
  }
}

export interface AcceptDecision {
  subprotocol: string | null;
  headers: Headers;
}

/** Validates `websocket.accept` against the subprotocols the client offered. */
export function checkAccept(message: WebSocketAcceptMessage, offered: string[]): AcceptDecision {
  const subprotocol = message.subprotocol ?? null;
  if (subprotocol !== null && !offered.includes(subprotocol)) {
    throw new WebSocketProtocolError(
      `websocket.accept: subprotocol ${JSON.stringify(subprotocol)} was not offered by the client (offered: ${offered.join(", ") || "none"})`,
    );
  }
  const headers = message.headers ?? [];
  checkHeaders(headers, "websocket.accept");
  for (const [name] of headers) {
    const lower = name.toLowerCase();
    if (HANDSHAKE_HEADERS.has(lower) || lower === "sec-websocket-protocol") {
      throw new WebSocketProtocolError(
        `websocket.accept: header "${name}" belongs to the handshake; choose a subprotocol with the \`subprotocol\` field instead`,
      );
    }
  }
  return { subprotocol, headers };
}

/** The frame payload of `websocket.send`: exactly one of `text` / `bytes`. */
export function checkSend(message: WebSocketSendMessage): string | Uint8Array {
  const { text, bytes } = message;
  const hasText = text !== undefined && text !== null;
  const hasBytes = bytes !== undefined && bytes !== null;
  if (hasText === hasBytes) {
    throw new WebSocketProtocolError("websocket.send needs exactly one of `text` or `bytes`");
  }
  if (hasText) {
    if (typeof text !== "string") {
      throw new WebSocketProtocolError("websocket.send: `text` must be a string");
    }
    return text;
  }
  if (!(bytes instanceof Uint8Array)) {
    throw new WebSocketProtocolError("websocket.send: `bytes` must be a Uint8Array");
  }
  return bytes;
}

export interface CloseFrame {
  code: number;
  reason: string;
}

/** Validates `websocket.close`; the code defaults to 1000 as in ASGI. */
export function checkClose(message: WebSocketCloseMessage): CloseFrame {
  const code = message.code ?? 1000;
  const reason = message.reason ?? "";
  if (!isValidCloseCode(code)) {
    throw new WebSocketProtocolError(
      `websocket.close: ${code} is not a valid close code (use 1000-1003, 1007-1014 or 3000-4999)`,
    );
  }
  if (typeof reason !== "string" || Buffer.byteLength(reason) > MAX_REASON_BYTES) {
    throw new WebSocketProtocolError(
      `websocket.close: reason must be a string of at most ${MAX_REASON_BYTES} UTF-8 bytes`,
    );
  }
  return { code, reason };
}

/** The close code a peer sees for each way `ws` refuses incoming data. */
export function closeCodeForReceiveError(errorCode: unknown): number {
  switch (errorCode) {
    case "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH":
    case "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH":
    case "WS_ERR_TOO_MANY_BUFFERED_PARTS":
      return 1009;
    case "WS_ERR_INVALID_UTF8":
      return 1007;
    default:
      return 1002;
  }
}
