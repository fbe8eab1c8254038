// The public surface of Typhoon: a curated list, never `export *` across packages.

export type { DependsMarker, InferParams, Provider } from "@typhoon/di";
// Dependency injection, re-exported by name from @typhoon/di.
export { DependencyOverrides, Depends, dependency, Security, SecurityScopes } from "@typhoon/di";
export type {
  HTTPAuthorizationCredentials,
  HTTPBasicCredentials,
  JwtPayload,
} from "@typhoon/security";
// Security, re-exported by name from @typhoon/security.
export {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  createJwt,
  HTTPBasic,
  HTTPBearer,
  HTTPDigest,
  hashPassword,
  needsRehash,
  OAuth2,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  OAuth2PasswordRequestFormStrict,
  OpenIdConnect,
  parseScopes,
  RequestScope,
  SecurityHTTPError,
  safeEqual,
  verifyPassword,
} from "@typhoon/security";
export type {
  Logger,
  LogLevel,
  Middleware,
  RunOptions,
  ServeOptions,
  ServerApp,
  ServerHandle,
} from "@typhoon/server";
export { ClientDisconnected, type InProcessWebSocket, WebSocketRejected } from "@typhoon/server";
export type { ErrorFormat, ErrorItem } from "@typhoon/validation";
// Validation errors and formats, from @typhoon/validation.
export { getName, named, RequestValidationError } from "@typhoon/validation";
export { Typhoon, type TyphoonOptions } from "./app";
export { isTyphoonError, TyphoonError, type TyphoonErrorCode } from "./errors";
export { encodeMultipart, type MultipartFile } from "./forms/encode-multipart";
export { FormData } from "./forms/form-data";
// Forms and uploads.
export {
  DEFAULT_FORM_LIMITS,
  type FormErrorCode,
  type FormLimits,
  type FormOptions,
  FormParseError,
  parseForm,
  UploadFile,
} from "./forms/index";
export { BackgroundTasks } from "./http/background";
export type { CookieOptions } from "./http/cookies";
export { HTTPException } from "./http/exceptions";
export { Request } from "./http/request";
export {
  HTMLResponse,
  JSONResponse,
  PlainTextResponse,
  RedirectResponse,
  Response,
  type ResponseInit,
} from "./http/responses";
export type { LifespanHandler } from "./lifespan";
// Middleware.
export {
  type AllowedOrigins,
  type BrotliOptions,
  brotli,
  type CallNext,
  CapturedResponse,
  type CORSOptions,
  type CompressionOptions,
  compression,
  cors,
  type Encoding,
  type GZipOptions,
  gzip,
  type HttpMiddlewareFunction,
  httpMiddleware,
  httpsRedirect,
  type NegotiatedCompressionOptions,
  type ProxyHeadersOptions,
  proxyHeaders,
  responseTimeout,
  type TrustedHostOptions,
  trustedHost,
} from "./middleware/index";
export type {
  BodyOptions,
  FileMarker,
  FileOptions,
  HeaderOptions,
  ParamMarker,
  ParamOptions,
  ParamSource,
} from "./params/markers";
export { Body, Cookie, File, Form, Header, Path, Query } from "./params/markers";
export type { ErrorClass, ExceptionHandler } from "./pipeline/exception-handlers";
// The default exception handlers, for custom handlers that delegate to them.
export {
  httpExceptionHandler,
  requestValidationExceptionHandler,
} from "./pipeline/exception-handlers";
export { ResponseValidationError } from "./pipeline/route";
// Streaming, files and static files.
export {
  type DispositionType,
  type EventItem,
  type EventSourceInit,
  EventSourceResponse,
  FileResponse,
  FileResponseError,
  type FileResponseInit,
  guessMediaType,
  type ServerSentEvent,
  type StreamChunk,
  StreamingResponse,
  type StreamSource,
} from "./responses/index";
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
export { DotenvError, type DotenvParseOptions, parseDotenv } from "./settings/dotenv";
// Settings.
export {
  type LoadSettingsOptions,
  loadSettings,
  type SettingsSchema,
} from "./settings/load-settings";
export { SettingsError, type SettingsIssue } from "./settings/settings-error";
export { StaticFiles, type StaticFilesOptions } from "./staticfiles/index";
export {
  type RequestOptions,
  TestClient,
  type TestClientOptions,
  type WebSocketOptions,
} from "./testing/test-client";
export { TestResponse } from "./testing/test-response";
export {
  WebSocket,
  WebSocketDisconnect,
  WebSocketException,
  type WebSocketState,
} from "./websocket/websocket";
