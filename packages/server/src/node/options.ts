import type { LifespanMode } from "../lifespan/run";
import type { Logger, LogLevel } from "../logger";
import { consoleLogger } from "../logger";
import type { State } from "../types";

/** Every limit has a safe default; each can be raised or lowered per server. */
export interface ServerLimits {
  /** Bytes of request line + headers; over it → 431. Default 16 KiB. */
  maxHeaderSize?: number;
  /** Number of request headers; over it → 431. Default 100. */
  maxHeadersCount?: number;
  /** Milliseconds to receive the complete request head; over it → 408. Default 20 s. */
  headersTimeout?: number;
  /** Milliseconds to receive the whole request, body included; over it → 408. Default 300 s. */
  requestTimeout?: number;
  /** Milliseconds an idle keep-alive connection stays open. Default 5 s. */
  keepAliveTimeout?: number;
  /** Open connections (HTTP and WebSocket); one more gets 503 and is closed. Default 1024. */
  maxConnections?: number;
  /** Bytes of request body; a bigger Content-Length or stream → 413. Default 10 MiB. */
  maxBodySize?: number;
  /** Bytes of one WebSocket message; a bigger one closes the socket with 1009. Default 1 MiB. */
  maxWebSocketMessageSize?: number;
  /** Milliseconds between WebSocket pings; a peer missing a pong is dropped. 0 = off. Default 20 s. */
  webSocketPingInterval?: number;
}

export interface TlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
  /** Anything else `https.createServer` accepts (ca, passphrase, ciphers, ...). */
  [option: string]: unknown;
}

export interface ServeOptions {
  /** Interface to bind. Default `"127.0.0.1"`. */
  host?: string;
  /** Port to bind; 0 picks a free one. Default 8000. */
  port?: number;
  /** Serve HTTPS (and wss) with this key and certificate. */
  tls?: TlsOptions;
  /** Prefix the app is mounted under behind a proxy (`scope.root_path`). Default `""`. */
  rootPath?: string;
  limits?: ServerLimits;
  /** Milliseconds a graceful close waits for in-flight work before forcing. Default 10 s. */
  gracefulTimeout?: number;
  /** Lifespan protocol: `"auto"` (default), `"on"` or `"off"`. */
  lifespan?: LifespanMode;
  /** Initial lifespan state (the app fills it at startup). */
  state?: State;
  /** One line per request at info level. Default true. */
  accessLog?: boolean;
  /** Level of the default console logger. Default `"info"`. */
  logLevel?: LogLevel;
  /** Where log lines go instead of the console (`logLevel` then does not apply). */
  logger?: Logger;
}

export const DEFAULT_LIMITS: Readonly<Required<ServerLimits>> = Object.freeze({
  maxHeaderSize: 16 * 1024,
  maxHeadersCount: 100,
  headersTimeout: 20_000,
  requestTimeout: 300_000,
  keepAliveTimeout: 5_000,
  maxConnections: 1024,
  maxBodySize: 10 * 1024 * 1024,
  maxWebSocketMessageSize: 1024 * 1024,
  webSocketPingInterval: 20_000,
});

/** Options with every default filled in and every number checked, planned once per server. */
export interface ResolvedServeOptions {
  host: string;
  port: number;
  tls: TlsOptions | undefined;
  rootPath: string;
  limits: Required<ServerLimits>;
  gracefulTimeout: number;
  lifespan: LifespanMode;
  state: State;
  logger: Logger;
  /** Access log on and the logger would print it (no line is built otherwise). */
  accessLog: boolean;
}

export function resolveServeOptions(options: ServeOptions = {}): ResolvedServeOptions {
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(options.limits) };
  for (const [name, value] of Object.entries(limits)) {
    const mayBeZero = name === "webSocketPingInterval" || name === "keepAliveTimeout";
    checkInteger(`limits.${name}`, value, mayBeZero ? 0 : 1);
  }
  if (limits.headersTimeout > limits.requestTimeout) {
    throw new RangeError("limits.headersTimeout must not exceed limits.requestTimeout");
  }
  const port = options.port ?? 8000;
  checkInteger("port", port, 0);
  if (port > 65535) throw new RangeError("port must be at most 65535");
  const gracefulTimeout = options.gracefulTimeout ?? 10_000;
  checkInteger("gracefulTimeout", gracefulTimeout, 0);
  const rootPath = options.rootPath ?? "";
  if (rootPath !== "" && (!rootPath.startsWith("/") || rootPath.endsWith("/"))) {
    throw new RangeError('rootPath must be "" or start with "/" and not end with "/"');
  }
  const logLevel = options.logLevel ?? "info";
  const logger = options.logger ?? consoleLogger(logLevel);
  const accessLog =
    options.accessLog !== false &&
    (options.logger !== undefined || logLevel === "debug" || logLevel === "info");
  return {
    host: options.host ?? "127.0.0.1",
    port,
    tls: options.tls,
    rootPath,
    limits,
    gracefulTimeout,
    lifespan: options.lifespan ?? "auto",
    state: options.state ?? {},
    logger,
    accessLog,
  };
}

function checkInteger(name: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min} (got ${String(value)})`);
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  const out: Partial<T> = {};
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}
