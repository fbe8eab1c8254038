// Public names of the in-process transport (everything else in this folder is internal).
export { ResponseIncomplete, WebSocketClosed, WebSocketRejected } from "./errors";
export {
  type InProcessHost,
  type InProcessHostOptions,
  startInProcessHost,
} from "./host";
export {
  type HttpRequestOptions,
  type HttpResponse,
  type HttpStreamResponse,
  httpRequest,
  httpStream,
} from "./http";
export type { ConnectionOptions, QueryValue, RequestHeaders } from "./request";
export type { BodyChunk, RequestBody } from "./request-body";
export {
  reportServerError,
  SERVER_ERROR_EXTENSION,
  type ServerErrorReport,
} from "./server-error";
export {
  type InProcessWebSocket,
  type WebSocketConnectOptions,
  type WebSocketEvent,
  websocketConnect,
} from "./websocket";
