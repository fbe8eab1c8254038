// Public names of the WebSocket host (everything else in this folder is internal).
export { ClientDisconnected, WebSocketProtocolError } from "./errors";
export { createWebSocketHost, type WebSocketHost, type WebSocketHostOptions } from "./host";
