/**
 * What the socket suites of several packages share: raw TCP connections with a hand-written
 * response parser, a raw WebSocket client that writes frames by hand, bounded waiting, and the count of open file descriptors.
 */
export { canCountFds, openFds } from "./fds";
export {
  destroyRawConnections,
  RawConnection,
  SocketRegistry,
  sendRaw,
} from "./raw-connection";
export { header, jsonBody, parseResponses, type RawResponse, statusOf } from "./raw-response";
export {
  closePayload,
  destroyRawWebSockets,
  type FrameOptions,
  frame,
  OP,
  RawWebSocket,
  type ServerFrame,
} from "./raw-websocket";
export { eventually, sleep, Waiters } from "./wait";
