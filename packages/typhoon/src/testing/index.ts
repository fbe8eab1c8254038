// `typhoon/testing`: calling an app in-process from tests, and swapping its dependencies.

export { DependencyOverrides } from "@typhoon/di";
export { type InProcessWebSocket, WebSocketRejected } from "@typhoon/server";
export {
  type RequestOptions,
  TestClient,
  type TestClientOptions,
  type WebSocketOptions,
} from "./test-client";
export { TestResponse } from "./test-response";
