// `typhoon/middleware`: the bundled middleware and the types to write your own.
export type { Middleware } from "@typhoon/server";

export { CapturedResponse } from "./captured-response";
export type { Encoding } from "./compression/accept-encoding";
export {
  type BrotliOptions,
  brotli,
  type CompressionOptions,
  compression,
  type GZipOptions,
  gzip,
  type NegotiatedCompressionOptions,
} from "./compression/compression";
export { type AllowedOrigins, type CORSOptions, cors } from "./cors";
export { type CallNext, type HttpMiddlewareFunction, httpMiddleware } from "./http-middleware";
export { httpsRedirect } from "./https-redirect";
export { type ProxyHeadersOptions, proxyHeaders } from "./proxy-headers";
export { responseTimeout } from "./response-timeout";
export { type TrustedHostOptions, trustedHost } from "./trusted-host";
