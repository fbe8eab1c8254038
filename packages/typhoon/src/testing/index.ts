// `typhoon/testing`: calling an app in-process from tests, and swapping its dependencies.

export { DependencyOverrides } from "@typhoon/di";
export { type InProcessWebSocket, WebSocketRejected } from "@typhoon/server";
export { TooManyRedirects } from "./redirects";
export {
  type RequestOptions,
  TestClient,
  type TestClientOptions,
  type WebSocketOptions,
} from "./test-client";
export { TestResponse, type TestResponseOrigin } from "./test-response";
