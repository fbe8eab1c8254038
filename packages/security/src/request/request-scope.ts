import type { HTTPScope, WebSocketScope } from "@typhoon/server";

/** The connection a scheme reads its credentials from: an HTTP request or a WebSocket handshake. */
export type ConnectionScope = HTTPScope | WebSocketScope;

/**
 * Params marker: `{ scope: RequestScope }` injects the current connection's scope. The class
 * itself is the marker (like @typhoon/di's `SecurityScopes`); the app's input compiler
 * recognises it and hands over the scope as is, so reading it costs nothing.
 */
export class RequestScope {
  /** Phantom: lets `InferParams` give the scope type for the class used as a marker. */
  declare static readonly "~output"?: { readonly type: ConnectionScope };

  private constructor() {}
}

/** True when a params entry asks for the connection scope. */
export function isRequestScopeMarker(value: unknown): value is typeof RequestScope {
  return value === RequestScope;
}
