/**
 * An app started in process: its lifespan run once (startup now, shutdown on close), and
 * every request and WebSocket after that seeing the lifespan state, as under `serve()`.
 * The umbrella's TestClient is a thin layer over this.
 */
import { type LifespanMode, startLifespan } from "../lifespan/run";
import { consoleLogger, type Logger } from "../logger";
import type { ServerApp, State } from "../types";
import {
  type HttpRequestOptions,
  type HttpResponse,
  type HttpStreamResponse,
  httpRequest,
  httpStream,
} from "./http";
import {
  type InProcessWebSocket,
  type WebSocketConnectOptions,
  websocketConnect,
} from "./websocket";

export interface InProcessHostOptions {
  /** Lifespan protocol, as `serve()`: `"auto"` (default), `"on"` or `"off"`. */
  lifespan?: LifespanMode;
  /** Initial lifespan state (the app fills it at startup). */
  state?: State;
  /** Default `root_path` of every scope. */
  rootPath?: string;
  /** Where app errors are logged. Default: the console, errors only. */
  logger?: Logger;
  /** Default of `raiseAppErrors` for every request and WebSocket. */
  raiseAppErrors?: boolean;
}

export interface InProcessHost {
  /** The lifespan state every scope gets a copy of. */
  readonly state: State;
  request(options: HttpRequestOptions): Promise<HttpResponse>;
  stream(options: HttpRequestOptions): Promise<HttpStreamResponse>;
  websocket(options: WebSocketConnectOptions): Promise<InProcessWebSocket>;
  /** Runs lifespan shutdown (once); later calls to the host throw. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Runs the app's lifespan startup and returns a host bound to its state. */
export async function startInProcessHost(
  app: ServerApp,
  options: InProcessHostOptions = {},
): Promise<InProcessHost> {
  const logger = options.logger ?? consoleLogger("error");
  const lifespan = await startLifespan(app, {
    mode: options.lifespan ?? "auto",
    state: options.state ?? {},
    logger,
  });
  let closing: Promise<void> | undefined;
  function defaults<
    T extends { state?: State; rootPath?: string; logger?: Logger; raiseAppErrors?: boolean },
  >(call: T): T {
    if (closing !== undefined) throw new Error("this in-process host is closed");
    return {
      state: lifespan.state,
      rootPath: options.rootPath,
      logger,
      raiseAppErrors: options.raiseAppErrors,
      ...definedOnly(call),
    };
  }
  const host: InProcessHost = {
    state: lifespan.state,
    request: (call) => httpRequest(app, defaults(call)),
    stream: (call) => httpStream(app, defaults(call)),
    websocket: (call) => websocketConnect(app, defaults(call)),
    close() {
      closing ??= lifespan.shutdown();
      return closing;
    },
    [Symbol.asyncDispose]: () => host.close(),
  };
  return host;
}

/** A call's own options win, but an explicit `undefined` does not erase a default. */
function definedOnly<T extends object>(value: T): T {
  const out = {} as T;
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}
