import {
  type RunOptions,
  type ServeOptions,
  type ServerApp,
  type ServerHandle,
  run as serverRun,
  serve as serverServe,
} from "@typhoon/server";

/** A Typhoon app, anything else exposing a ServerApp, or a bare ServerApp. */
export type AppLike = ServerApp | { readonly serverApp: ServerApp };

export function toServerApp(app: AppLike): ServerApp {
  return typeof app === "function" ? app : app.serverApp;
}

/** Serves the app over node:http; resolves once it listens (after lifespan startup). */
export function serve(app: AppLike, options?: ServeOptions): Promise<ServerHandle> {
  return serverServe(toServerApp(app), options);
}

/**
 * The process entry: serve, stop gracefully on SIGTERM/SIGINT and exit 0, exit 1 if startup
 * fails; `workers: N` forks N processes. Resolves with the server's handle (its `url` has the
 * real port when `port` is 0), or `null` in the primary process of a `workers` group.
 */
export function run(app: AppLike, options?: RunOptions): Promise<ServerHandle | null> {
  return serverRun(toServerApp(app), options);
}
