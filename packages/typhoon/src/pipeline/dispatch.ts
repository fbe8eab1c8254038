import type {
  HTTPScope,
  Middleware,
  Receive,
  Scope,
  Send,
  ServerApp,
  WebSocketScope,
} from "@typhoon/server";
import { HTTPException } from "../http/exceptions";
import { Request } from "../http/request";
import { Response } from "../http/responses";
import { APIRouter } from "../routing/api-router";
import { type AppLike, toServerApp } from "../serve";
import { answer, answerError } from "./answer";
import { HttpExchange, NO_CLEANUP } from "./exchange";
import type { RouteHost } from "./route";
import type { AppRoutes } from "./route-table";

/**
 * Finds what answers a request: a route, a mounted app, or the app itself with a 404, a 405
 * or a slash redirect (through the same answer path as the routes).
 */
export class Dispatcher {
  readonly #table: Omit<AppRoutes, "app">;
  readonly #host: RouteHost;
  /** The app's response deadline for mounted apps that are not Typhoon apps (null: none). */
  readonly #mountGuard: Middleware | null;
  readonly #guardedMounts = new WeakMap<ServerApp, ServerApp>();

  constructor(table: Omit<AppRoutes, "app">, host: RouteHost, mountGuard: Middleware | null) {
    this.#table = table;
    this.#host = host;
    this.#mountGuard = mountGuard;
  }

  // Not async: a route's promise goes back as it is (an async wrapper costs two ticks).
  http(scope: HTTPScope, receive: Receive, send: Send): Promise<void> {
    const router = this.#table.router;
    const match = router.match(scope.method, scope.path);
    if (match.kind === "full") return match.route.handle(scope, receive, send, match.params);
    if (match.kind === "mount")
      return this.#mounted(match.target, match.rootPath, match.path, scope, receive, send);
    if (match.kind === "partial") {
      const allow = { allow: match.allow.join(", ") };
      return this.#fail(scope, receive, send, new HTTPException(405, "Method Not Allowed", allow));
    }
    const target = scope.path === "/" ? null : router.redirectTarget(scope.path);
    if (target !== null) return this.#redirect(scope, receive, send, target);
    // The default 404 is rendered once: no exception object, handler lookup or Response.
    const notFound = this.#host.exceptionHandlers.prebuilt(404);
    if (notFound !== null) return notFound.respond(scope, receive, send);
    return this.#fail(scope, receive, send, new HTTPException(404, "Not Found"));
  }

  websocket(scope: WebSocketScope, receive: Receive, send: Send): Promise<void> {
    const match = this.#table.websockets.match("GET", scope.path);
    if (match.kind === "full") return match.route.handle(scope, receive, send, match.params);
    if (match.kind === "mount")
      return this.#mounted(match.target, match.rootPath, match.path, scope, receive, send);
    // No such WebSocket route: refuse the handshake (the client sees 403).
    return send({ type: "websocket.close", code: 1000 });
  }

  #fail(scope: HTTPScope, receive: Receive, send: Send, error: HTTPException): Promise<void> {
    const x = new HttpExchange(new Request(scope, receive), send, NO_CLEANUP);
    return answerError(this.#host, x, error);
  }

  #redirect(scope: HTTPScope, receive: Receive, send: Send, target: string): Promise<void> {
    const x = new HttpExchange(new Request(scope, receive), send, NO_CLEANUP);
    const host = x.request.headers.get("host") ?? "localhost";
    const query = scope.query_string ? `?${scope.query_string}` : "";
    // Flip the slash on the raw path so the client's own encoding is kept.
    const raw = target.endsWith("/") ? `${scope.raw_path}/` : scope.raw_path.slice(0, -1);
    const location = `${scope.scheme}://${host}${scope.root_path}${raw}${query}`;
    const moved = new Response(null, { status: 307, headers: [["location", location]] });
    return answer(this.#host, x, moved);
  }

  #mounted(
    target: unknown,
    prefix: string,
    path: string,
    scope: HTTPScope | WebSocketScope,
    receive: Receive,
    send: Send,
  ): Promise<void> {
    let app = toServerApp(target as AppLike);
    // A mounted Typhoon app keeps its own deadline; any other app gets this app's.
    if (this.#mountGuard !== null && !(target instanceof APIRouter)) app = this.#guarded(app);
    const child = { ...scope, root_path: scope.root_path + prefix, path } as Scope;
    return app(child, receive, send);
  }

  #guarded(app: ServerApp): ServerApp {
    let guarded = this.#guardedMounts.get(app);
    if (guarded === undefined) {
      guarded = (this.#mountGuard as Middleware)(app);
      this.#guardedMounts.set(app, guarded);
    }
    return guarded;
  }
}
