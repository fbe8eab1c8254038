import type { Logger } from "../logger";
import type { Address, ServerApp, State } from "../types";
import type { ResolvedServeOptions } from "./options";

/** Per-server facts every exchange reads, and the count of app calls still running. */
export class ServerContext {
  readonly app: ServerApp;
  readonly rootPath: string;
  readonly state: State;
  readonly scheme: string;
  readonly logger: Logger;
  readonly accessLog: boolean;
  readonly maxBodySize: number;
  readonly maxHeadersCount: number;
  /** Every connection's local address once listening on one interface (see fixedLocalAddress). */
  serverAddress: Address | undefined = undefined;
  /** Set by a graceful close: every response from now on carries `Connection: close`. */
  closing = false;
  #inflight = 0;
  #idleWaiters: Array<() => void> = [];

  constructor(app: ServerApp, options: ResolvedServeOptions, state: State) {
    this.app = app;
    this.rootPath = options.rootPath;
    this.state = state;
    this.scheme = options.tls ? "https" : "http";
    this.logger = options.logger;
    this.accessLog = options.accessLog;
    this.maxBodySize = options.limits.maxBodySize;
    this.maxHeadersCount = options.limits.maxHeadersCount;
  }

  /** App calls that have not returned yet (background work after the response included). */
  get inflight(): number {
    return this.#inflight;
  }

  appStarted(): void {
    this.#inflight++;
  }

  appFinished(): void {
    if (--this.#inflight > 0 || this.#idleWaiters.length === 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once no app call is running. */
  whenIdle(): Promise<void> {
    if (this.#inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}
