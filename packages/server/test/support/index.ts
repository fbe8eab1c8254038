/**
 * What the socket suites (node/, robustness/) share: raw TCP connections and a hand-written
 * response parser, an in-memory logger, and bounded waiting.
 */
export { type LogLine, memoryLogger } from "./logger";
export {
  destroyRawConnections,
  RawConnection,
  SocketRegistry,
  sendRaw,
} from "./raw-connection";
export { header, jsonBody, parseResponses, type RawResponse, statusOf } from "./raw-response";
export { eventually, sleep, Waiters } from "./wait";
