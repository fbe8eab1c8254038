/**
 * The ASGI-like contract between any host (the Node server, the in-process transport, a
 * future Fetch adapter) and any app. Field and message names follow ASGI 3; where ASGI uses
 * bytes we use `Uint8Array` (Node's `Buffer` is one).
 */

/** `[lowercase-name, value]` pairs in arrival order; repeated headers stay repeated. */
export type Headers = Array<[name: string, value: string]>;

/** `[host, port]` of a peer, or `null` when the transport has none (a Unix socket, a test). */
export type Address = [host: string, port: number] | null;

/** Shared, mutable state: filled by lifespan startup, visible to every later scope. */
export type State = Record<string, unknown>;

interface ConnectionScope {
  /** Version of this interface the host speaks. */
  asgi: { version: "3.0"; spec_version: string };
  /** `"1.1"` for HTTP/1.1 (the Node host speaks only 1.x). */
  http_version: string;
  /** Path after `root_path`, percent-decoded as ASGI does (invalid escapes are kept as sent). */
  path: string;
  /** The raw request target's path part, as the client sent it (still encoded). */
  raw_path: string;
  /** Everything after `?`, undecoded, without the `?`; `""` if absent. */
  query_string: string;
  /** Prefix the app is mounted under (`""` at the top); `root_path + path` is the full path. */
  root_path: string;
  headers: Headers;
  client: Address;
  server: Address;
  /** Lifespan state, shallow-copied per connection so apps may add per-request keys. */
  state: State;
  /** Extensions a host offers (ASGI's `extensions`); an app checks for a key before use. */
  extensions: Record<string, unknown>;
}

export interface HTTPScope extends ConnectionScope {
  type: "http";
  /** Upper-case method, e.g. `"GET"`. */
  method: string;
  /** `"http"` or `"https"`. */
  scheme: string;
}

export interface WebSocketScope extends ConnectionScope {
  type: "websocket";
  /** `"ws"` or `"wss"`. */
  scheme: string;
  /** Values of `Sec-WebSocket-Protocol`, in the client's order. */
  subprotocols: string[];
}

export interface LifespanScope {
  type: "lifespan";
  asgi: { version: "3.0"; spec_version: string };
  /** The app may put anything here at startup; hosts copy it into every later scope. */
  state: State;
}

export type Scope = HTTPScope | WebSocketScope | LifespanScope;

// ---- messages the app receives -------------------------------------------------------

/** A chunk of the request body; `more_body: false` marks the last one. */
export interface HTTPRequestMessage {
  type: "http.request";
  body: Uint8Array;
  more_body: boolean;
}
/** The client went away, or the response was finished and the connection is done. */
export interface HTTPDisconnectMessage {
  type: "http.disconnect";
}
export interface WebSocketConnectMessage {
  type: "websocket.connect";
}
/** Exactly one of `bytes` / `text` is set. */
export interface WebSocketReceiveMessage {
  type: "websocket.receive";
  bytes?: Uint8Array;
  text?: string;
}
export interface WebSocketDisconnectMessage {
  type: "websocket.disconnect";
  /** Close code from the peer (1005 if none was given, 1006 if the connection dropped). */
  code: number;
  reason?: string;
}
export interface LifespanStartupMessage {
  type: "lifespan.startup";
}
export interface LifespanShutdownMessage {
  type: "lifespan.shutdown";
}

export type ReceiveMessage =
  | HTTPRequestMessage
  | HTTPDisconnectMessage
  | WebSocketConnectMessage
  | WebSocketReceiveMessage
  | WebSocketDisconnectMessage
  | LifespanStartupMessage
  | LifespanShutdownMessage;

// ---- messages the app sends ----------------------------------------------------------

export interface HTTPResponseStartMessage {
  type: "http.response.start";
  status: number;
  headers?: Headers;
  /** ASGI's trailers flag; the Node host does not send trailers and rejects `true`. */
  trailers?: boolean;
}
/** A chunk of the response body; omit `more_body` (or set false) on the last one. */
export interface HTTPResponseBodyMessage {
  type: "http.response.body";
  body?: Uint8Array;
  more_body?: boolean;
}
export interface WebSocketAcceptMessage {
  type: "websocket.accept";
  subprotocol?: string | null;
  headers?: Headers;
}
export interface WebSocketSendMessage {
  type: "websocket.send";
  bytes?: Uint8Array;
  text?: string;
}
/** Before accept: reject the handshake (403). After: close the connection. */
export interface WebSocketCloseMessage {
  type: "websocket.close";
  code?: number;
  reason?: string;
}
export interface LifespanStartupCompleteMessage {
  type: "lifespan.startup.complete";
}
export interface LifespanStartupFailedMessage {
  type: "lifespan.startup.failed";
  message?: string;
}
export interface LifespanShutdownCompleteMessage {
  type: "lifespan.shutdown.complete";
}
export interface LifespanShutdownFailedMessage {
  type: "lifespan.shutdown.failed";
  message?: string;
}

export type SendMessage =
  | HTTPResponseStartMessage
  | HTTPResponseBodyMessage
  | WebSocketAcceptMessage
  | WebSocketSendMessage
  | WebSocketCloseMessage
  | LifespanStartupCompleteMessage
  | LifespanStartupFailedMessage
  | LifespanShutdownCompleteMessage
  | LifespanShutdownFailedMessage;

export type Receive = () => Promise<ReceiveMessage>;
export type Send = (message: SendMessage) => Promise<void>;

/** The one function type every host runs and every middleware wraps. */
export type ServerApp = (scope: Scope, receive: Receive, send: Send) => Promise<void>;

/** An ASGI-level middleware: a function from app to app. */
export type Middleware = (app: ServerApp) => ServerApp;
