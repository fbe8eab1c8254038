// The root entry of Typhoon: what a first app needs, a curated list (never `export *` across
// packages). The rest is on the subpaths: typhoon/testing, typhoon/middleware,
// typhoon/responses, typhoon/security, typhoon/forms, typhoon/settings,
// typhoon/exception-handlers and typhoon/params. A name lives on one entry only.

// Dependency injection, re-exported by name from @typhoon/di. The marker and provider types
// stay beside the functions that return them, so a user's declaration files can name them.
export { Depends, type DependsMarker, dependency, type Provider, Security } from "@typhoon/di";
export type {
  Logger,
  LogLevel,
  RunOptions,
  ServeOptions,
  ServerApp,
  ServerHandle,
} from "@typhoon/server";
export { ClientDisconnected } from "@typhoon/server";
export type { ErrorFormat, ErrorItem } from "@typhoon/validation";
// Validation errors and schema names, from @typhoon/validation.
export {
  getName,
  named,
  RequestValidationError,
  ResponseValidationError,
} from "@typhoon/validation";
export { type AppRoutes, Typhoon, type TyphoonOptions } from "./app";
export { isTyphoonError, TyphoonError, type TyphoonErrorCode } from "./errors";
export { UploadFile } from "./forms/upload-file";
export { BackgroundTasks } from "./http/background";
export type { CookieOptions } from "./http/cookies";
export { HTTPException } from "./http/exceptions";
export { Request } from "./http/request";
export { Response, type ResponseInit } from "./http/responses";
export type { LifespanHandler } from "./lifespan";
export {
  Body,
  Cookie,
  File,
  type FileMarker,
  Form,
  Header,
  type ParamMarker,
  Path,
  Query,
} from "./params/markers";
export { APIRouter, type APIRouterOptions, type IncludeRouterOptions } from "./routing/api-router";
export type {
  Handler,
  HandlerResult,
  Params,
  ResponseDoc,
  RouteOptions,
  SharedRouteOptions,
  WebSocketRouteOptions,
} from "./routing/types";
export { type AppLike, run, serve } from "./serve";
export {
  WebSocket,
  WebSocketDisconnect,
  WebSocketException,
  type WebSocketState,
} from "./websocket/websocket";
