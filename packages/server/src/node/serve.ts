import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type Lifespan, startLifespan } from "../lifespan/run";
import type { ServerApp } from "../types";
import { createWebSocketHost, type WebSocketHost } from "../websocket/host";
import { ConnectionGuard, endWithError, handleClientErrors } from "./connections";
import { ServerContext } from "./context";
import { HttpExchange } from "./exchange";
import { ExchangeRequest, ExchangeResponse } from "./node-messages";
import { type ResolvedServeOptions, resolveServeOptions, type ServeOptions } from "./options";
import { fixedLocalAddress } from "./socket-state";

/** A running server. */
export interface ServerHandle {
  /** `http://host:port` (or https), with the port actually bound. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The underlying Node server, for what this handle does not cover. */
  readonly server: http.Server;
  /**
   * Graceful stop: stop accepting, let in-flight work finish (up to `gracefulTimeout`), close
   * WebSockets, force-close what is left, run lifespan shutdown. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Serves `app` over HTTP/1.1 (and WebSockets on the same port). Lifespan startup runs first;
 * the returned promise resolves once the port accepts connections, and rejects (with nothing
 * listening) if startup or binding fails.
 */
export async function serve(app: ServerApp, options: ServeOptions = {}): Promise<ServerHandle> {
  const opts = resolveServeOptions(options);
  const lifespan = await startLifespan(app, {
    state: opts.state,
    mode: opts.lifespan,
    logger: opts.logger,
  });
  const ctx = new ServerContext(app, opts, lifespan.state);
  const webSockets = createWebSocketHost(app, {
    rootPath: opts.rootPath,
    state: lifespan.state,
    logger: opts.logger,
    maxMessageSize: opts.limits.maxWebSocketMessageSize,
    pingInterval: opts.limits.webSocketPingInterval,
    secure: opts.tls !== undefined,
  });
  const { server, guard } = createNodeServer(opts, ctx, webSockets);
  try {
    await listen(server, opts.host, opts.port);
  } catch (error) {
    await lifespan
      .shutdown()
      .catch((e: unknown) => opts.logger.error("Lifespan shutdown failed", e));
    throw error;
  }
  const bound = server.address() as AddressInfo;
  const port = bound.port;
  ctx.serverAddress = fixedLocalAddress(bound);
  const hostInUrl = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  const url = `${ctx.scheme}://${hostInUrl}:${port}`;
  opts.logger.info(`Listening on ${url} (pid ${process.pid})`);
  let closing: Promise<void> | undefined;
  return {
    url,
    host: opts.host,
    port,
    server,
    close: () => {
      closing ??= gracefulClose({ server, guard, ctx, webSockets, lifespan, opts });
      return closing;
    },
  };
}

function createNodeServer(
  opts: ResolvedServeOptions,
  ctx: ServerContext,
  webSockets: WebSocketHost,
) {
  const { limits } = opts;
  const shortestTimeout = Math.min(limits.headersTimeout, limits.requestTimeout);
  // Node checks header/request timeouts on this interval; a quarter keeps the overshoot small.
  const checkInterval = Math.max(10, Math.min(1000, Math.floor(shortestTimeout / 4)));
  const serverOptions: http.ServerOptions<typeof ExchangeRequest, typeof ExchangeResponse> = {
    IncomingMessage: ExchangeRequest,
    ServerResponse: ExchangeResponse,
    maxHeaderSize: limits.maxHeaderSize,
    headersTimeout: limits.headersTimeout,
    requestTimeout: limits.requestTimeout,
    connectionsCheckingInterval: checkInterval,
    keepAliveTimeout: limits.keepAliveTimeout,
    // We check Host ourselves (one line, required in HTTP/1.1) to answer with our JSON error.
    requireHostHeader: false,
  };
  const server: http.Server<typeof ExchangeRequest, typeof ExchangeResponse> = opts.tls
    ? https.createServer({ ...opts.tls, ...serverOptions })
    : http.createServer(serverOptions);
  // One header over the limit must still reach us (Node truncates silently) to answer 431.
  server.maxHeadersCount = limits.maxHeadersCount + 1;

  const guard = new ConnectionGuard(limits.maxConnections);
  server.on(opts.tls ? "secureConnection" : "connection", guard.onConnection);
  handleClientErrors(server, opts.logger);

  const handle = (req: ExchangeRequest, res: ExchangeResponse, expectContinue: boolean): void => {
    if (!guard.admit(req.socket)) return;
    try {
      const exchange = new HttpExchange(req, res, ctx);
      exchange.expectContinue = expectContinue;
      if (req.rawHeaders.length > ctx.maxHeadersCount * 2) {
        exchange.reject(431, "Too many request headers");
      } else if (!hasOneHost(req, exchange.hostLines)) {
        exchange.reject(400, "Missing or duplicate Host header");
      } else if (exchange.contentLength > ctx.maxBodySize) {
        exchange.reject(413, "Request body too large");
      } else {
        void exchange.run();
      }
    } catch (error) {
      // A bug of ours must cost one connection, never the process.
      opts.logger.error("Internal error while handling a request", error);
      res.destroy();
    }
  };
  server.on("request", (req, res) => handle(req, res, false));
  // Answering 100-continue ourselves means the client sends the body only if the app reads it.
  server.on("checkContinue", (req, res) => handle(req, res, true));
  // An origin server is no proxy: without this listener Node drops CONNECT without a word.
  server.on("connect", (req: ExchangeRequest, socket: Duplex) => {
    endWithError(req.socket, 400, "CONNECT is not supported");
    if (socket !== req.socket) socket.destroy();
  });
  server.on("upgrade", (req: ExchangeRequest, socket: Duplex, head: Buffer) => {
    if (!guard.admit(req.socket)) {
      socket.destroy();
      return;
    }
    if (req.headers.upgrade?.toLowerCase() === "websocket") {
      guard.upgraded(req.socket);
      webSockets.handleUpgrade(req, socket, head);
    } else {
      endWithError(req.socket, 400, "Unsupported upgrade");
    }
  });
  // Node's version destroys idle sockets whose last response may still be flushing (it checks
  // `finished`, set when end() is called); ours ends them gracefully after the flush. Node's
  // close() calls this too.
  server.closeIdleConnections = () => guard.endIdle();
  return { server: server as unknown as http.Server, guard };
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.removeListener("error", reject);
      resolve();
    });
  });
}

interface CloseParts {
  server: http.Server;
  guard: ConnectionGuard;
  ctx: ServerContext;
  webSockets: WebSocketHost;
  lifespan: Lifespan;
  opts: ResolvedServeOptions;
}

/**
 * Stop accepting → end idle connections → let in-flight app calls (and WebSockets) finish
 * within the grace period, ending each connection once its last request is answered →
 * force-close the rest at the deadline → lifespan shutdown. Forcing comes before lifespan
 * shutdown (as in uvicorn) so a stuck request holds its client no longer than the grace period.
 */
async function gracefulClose(parts: CloseParts): Promise<void> {
  const { server, guard, ctx, webSockets, lifespan, opts } = parts;
  const deadline = Date.now() + opts.gracefulTimeout;
  ctx.closing = true;
  // Also ends idle connections (closeIdleConnections is ours, see createNodeServer).
  const allClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  const webSocketsDone = webSockets.shutdown(opts.gracefulTimeout).catch((error: unknown) => {
    opts.logger.error("WebSocket shutdown failed", error);
  });
  if (!(await within(ctx.whenIdle(), deadline))) {
    opts.logger.warn(
      `Graceful close: ${ctx.inflight} request(s) still running after ${opts.gracefulTimeout} ms`,
    );
  }
  guard.endIdle();
  await webSocketsDone;
  if (!(await within(allClosed, deadline))) guard.destroyAll();
  try {
    await lifespan.shutdown();
  } catch (error) {
    opts.logger.error("Lifespan shutdown failed", error);
  }
  await allClosed;
}

/** Waits for `promise` until `deadline` (epoch ms); true if it settled in time. */
async function within(promise: Promise<void>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host line (HTTP/1.0 may have none); more
 * than one would let a proxy and the app disagree about the target. The lines were counted
 * while the scope's headers were built (one pass over the raw headers).
 */
function hasOneHost(req: ExchangeRequest, hostLines: number): boolean {
  return (
    hostLines === 1 || (hostLines === 0 && req.httpVersionMajor === 1 && req.httpVersionMinor === 0)
  );
}
