import { DependencyOverrides, type DependsMarker } from "@typhoon/di";
import type {
  OpenAPIDocument,
  OperationDescription,
  ServerDescription,
  TagDescription,
} from "@typhoon/docs";
import { Router } from "@typhoon/router";
import {
  consoleLogger,
  type HTTPScope,
  type Logger,
  type Middleware,
  type Receive,
  type Scope,
  type Send,
  type ServerApp,
  type WebSocketScope,
} from "@typhoon/server";
import type { ErrorFormat } from "@typhoon/validation";
import type { FormOptions } from "./forms/limits";
import { type ResolvedFormOptions, resolveFormOptions } from "./forms/parse-form";
import { HTTPException } from "./http/exceptions";
import { DEFAULT_BODY_LIMIT, Request } from "./http/request";
import { Response } from "./http/responses";
import { type Hook, type LifespanHandler, type LifespanParts, runLifespan } from "./lifespan";
import { type HttpMiddlewareFunction, httpMiddleware } from "./middleware/http-middleware";
import { responseTimeout } from "./middleware/response-timeout";
import {
  type DocsPageOptions,
  docsPageRoute,
  type FixedRoute,
  OpenAPIProvider,
  openapiRoute,
  scalarScriptRoute,
} from "./openapi/docs-routes";
import { documentInfo } from "./openapi/document-info";
import { Deadlines } from "./pipeline/deadlines";
import {
  type ErrorClass,
  type ExceptionHandler,
  ExceptionHandlers,
} from "./pipeline/exception-handlers";
import { JSON_TYPE, sendWhole } from "./pipeline/json-response";
import { PlannedRoute, type RouteHost } from "./pipeline/route";
import { serverErrorGuard } from "./pipeline/server-error-guard";
import { PlannedWebSocketRoute } from "./pipeline/websocket-route";
import { APIRouter, WEBSOCKET } from "./routing/api-router";
import { type AppLike, toServerApp } from "./serve";

// What the default HTTPException handler answers for a 404 (frozen: shared by every answer).
const NOT_FOUND_BODY = Buffer.from(JSON.stringify({ detail: "Not Found" }));
const NOT_FOUND_LENGTH = Object.freeze(["content-length", String(NOT_FOUND_BODY.length)]) as [
  string,
  string,
];

export interface TyphoonOptions {
  title?: string;
  version?: string;
  description?: string;
  /** Run before every route's own dependencies, for their effect (FastAPI's app dependencies). */
  dependencies?: DependsMarker<unknown>[];
  /** Shape of validation errors for every route: FastAPI's (default), RFC 9457, or your own. */
  errorFormat?: ErrorFormat;
  /** Redirect `/path/` ↔ `/path` with 307 when only the other form exists (default true). */
  redirectSlashes?: boolean;
  /** Largest body read into memory for JSON (default 1 MiB): larger gets 413. */
  bodyLimit?: number;
  /** Limits of form and multipart bodies (file size and count, fields, parts) and the temp dir. */
  forms?: FormOptions;
  logger?: Logger;
  /** Startup and shutdown around a `yield`; the yielded object becomes `request.state`. */
  lifespan?: LifespanHandler<Typhoon>;
  /**
   * Milliseconds a request may take before its response starts (handler, dependencies and
   * middleware included); past it the client gets 504. Default 60 s; null turns it off.
   * Streams are not limited once started.
   */
  responseTimeout?: number | null;
  /** Where the OpenAPI document is served (default `/openapi.json`); null turns off it and the docs. */
  openapiUrl?: string | null;
  /** Where the Scalar docs page is served (default `/docs`); null turns it off. */
  docsUrl?: string | null;
  /** Title, theme and Scalar options of the docs page. */
  docs?: DocsPageOptions;
  summary?: string;
  termsOfService?: string;
  contact?: { name?: string; url?: string; email?: string };
  license?: { name: string; identifier?: string; url?: string };
  servers?: ServerDescription[];
  /** Tag metadata (descriptions, external docs), in display order. */
  openapiTags?: TagDescription[];
  externalDocs?: { url: string; description?: string };
  /** Webhooks documented under `webhooks` (OpenAPI 3.1). */
  webhooks?: OperationDescription[];
  /** JSON Schema of the 422 body, when `errorFormat` is a custom function. */
  errorSchema?: Record<string, unknown>;
  /** Last edit of the generated document (add vendor extensions, rename things ...). */
  openapiPostProcess?: (document: OpenAPIDocument) => OpenAPIDocument;
}

/** The routes as planned at startup. */
interface Built {
  readonly router: Router<PlannedRoute | FixedRoute>;
  readonly routes: readonly PlannedRoute[];
  readonly websockets: Router<PlannedWebSocketRoute>;
  /** The core app wrapped in the middleware, last added outermost. */
  readonly app: ServerApp;
}

/**
 * A Typhoon application: an APIRouter at the root, plus app-wide settings, exception handlers,
 * dependency overrides and the `serverApp` every host runs.
 */
export class Typhoon extends APIRouter implements RouteHost {
  readonly title: string;
  readonly version: string;
  readonly description: string | undefined;
  readonly dependencies: readonly DependsMarker<unknown>[];
  readonly bodyLimit: number;
  readonly formOptions: ResolvedFormOptions;
  readonly logger: Logger;
  /** Swap providers in tests: `app.dependencyOverrides.set(getDb, fakeDb)`. */
  readonly dependencyOverrides = new DependencyOverrides();
  readonly exceptionHandlers: ExceptionHandlers;
  /** App state shared with every request (`request.state`) once the lifespan has started. */
  readonly state: Record<string, unknown> = {};
  readonly #redirectSlashes: boolean;
  readonly #responseTimeout: number | null;
  /** The response deadline as the routes enforce it: null when off or enforced around middleware. */
  #deadlines: Deadlines | null = null;
  #mountTimeout: Middleware | undefined;
  readonly #timedMounts = new WeakMap<ServerApp, ServerApp>();
  readonly #openapiUrl: string | null;
  readonly #docsUrl: string | null;
  readonly #docsPage: DocsPageOptions;
  readonly #openapi: OpenAPIProvider;
  readonly #lifespan: LifespanHandler<Typhoon> | undefined;
  readonly #middleware: Middleware[] = [];
  readonly #onStartup: Hook[] = [];
  readonly #onShutdown: Hook[] = [];
  #built: Built | null = null;

  constructor(options: TyphoonOptions = {}) {
    super();
    this.title = options.title ?? "Typhoon";
    this.version = options.version ?? "0.1.0";
    this.description = options.description;
    this.dependencies = options.dependencies ?? [];
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.formOptions = resolveFormOptions(options.forms);
    this.logger = options.logger ?? consoleLogger();
    this.exceptionHandlers = new ExceptionHandlers(options.errorFormat ?? "fastapi", this.logger);
    this.#redirectSlashes = options.redirectSlashes ?? true;
    this.#lifespan = options.lifespan;
    this.#responseTimeout =
      options.responseTimeout === undefined ? 60_000 : options.responseTimeout;
    this.#openapiUrl = options.openapiUrl === undefined ? "/openapi.json" : options.openapiUrl;
    // No document, no docs page: the page has nothing to show.
    this.#docsUrl =
      this.#openapiUrl === null ? null : options.docsUrl === undefined ? "/docs" : options.docsUrl;
    this.#docsPage = options.docs ?? {};
    this.#openapi = new OpenAPIProvider(
      () => this.build().routes,
      documentInfo(this, options),
      options.openapiPostProcess,
    );
  }

  /** The OpenAPI 3.1 document of the app, built once from the routes. */
  openapi(): OpenAPIDocument {
    return this.#openapi.document();
  }

  #addDocsRoutes(router: Router<PlannedRoute | FixedRoute>): void {
    if (this.#openapiUrl === null) return;
    router.add(["GET"], this.#openapiUrl, openapiRoute(this.#openapi));
    if (this.#docsUrl === null) return;
    const title = this.#docsPage.title ?? `${this.title} - Docs`;
    router.add(
      ["GET"],
      this.#docsUrl,
      docsPageRoute(this.#openapiUrl, this.#docsUrl, { ...this.#docsPage, title }),
    );
    router.add(["GET"], `${this.#docsUrl}/scalar.js`, scalarScriptRoute());
  }

  /**
   * Wraps the app in an ASGI-level middleware (`(app) => app`). The last one added is the
   * outermost: it sees the request first and the response last (Starlette's order).
   */
  addMiddleware(middleware: Middleware): this {
    this.#middleware.push(middleware);
    this.changed();
    return this;
  }

  /**
   * FastAPI's `@app.middleware("http")`: `fn(request, callNext)` returns the response; the
   * downstream body streams through untouched unless the function reads it.
   */
  middleware(fn: HttpMiddlewareFunction): this {
    return this.addMiddleware(httpMiddleware(fn));
  }

  /** Runs at startup, before the lifespan handler, in the order added. */
  onStartup(hook: Hook): this {
    this.#onStartup.push(hook);
    return this;
  }

  /** Runs at shutdown, after the lifespan handler, in the order added. */
  onShutdown(hook: Hook): this {
    this.#onShutdown.push(hook);
    return this;
  }

  /** Routes were added after planning: plan again on next use. */
  protected override changed(): void {
    this.#built = null;
    this.#openapi?.reset();
  }

  /** @internal The response deadline the routes enforce (see build()). */
  get deadlines(): Deadlines | null {
    return this.#deadlines;
  }

  get overrides(): DependencyOverrides {
    return this.dependencyOverrides;
  }

  /** Handle errors of a class (nearest superclass wins) or HTTPExceptions of a status. */
  exceptionHandler<E>(key: ErrorClass<E> | number, handler: ExceptionHandler<E>): this {
    this.exceptionHandlers.set(key, handler);
    return this;
  }

  /**
   * Plans every route (dependency graphs, extractors, validators). Runs at startup, or on the
   * first request; a bad declaration throws here, not in the middle of traffic.
   */
  build(): Built {
    if (this.#built !== null) return this.#built;
    const router = new Router<PlannedRoute | FixedRoute>({
      redirectSlashes: this.#redirectSlashes,
    });
    this.#addDocsRoutes(router);
    const websockets = new Router<PlannedWebSocketRoute>({ redirectSlashes: false });
    const routes: PlannedRoute[] = [];
    // A router included twice repeats its route names; the first one wins, as in Starlette.
    const names = new Set<string>();
    const named = (name: string | undefined) => {
      if (name === undefined || names.has(name)) return {};
      names.add(name);
      return { name };
    };
    for (const item of this.group.items()) {
      if (item.kind === "mount") {
        router.mount(item.path, item.target, named(item.name));
        websockets.mount(item.path, item.target);
      } else if (item.methods[0] === WEBSOCKET) {
        websockets.add(["GET"], item.path, new PlannedWebSocketRoute(this, item), named(item.name));
      } else {
        const route = new PlannedRoute(this, item);
        router.add(item.methods, item.path, route, named(item.name));
        routes.push(route);
      }
    }
    const core: ServerApp = (scope, receive, send) => {
      if (scope.type === "http") return this.#http(scope, receive, send);
      if (scope.type === "websocket") return this.#websocket(scope, receive, send);
      return runLifespan(this.#lifespanParts(), scope, receive, send);
    };
    this.#built = { router, routes, websockets, app: this.#wrap(core) };
    return this.#built;
  }

  /**
   * The core app inside the user's middleware. With none, the routes enforce the response
   * deadline themselves (a synchronous answer pays nothing for it) and errors reach the host,
   * which logs them and answers 500 as the guard would. With middleware, the deadline and the
   * server-error guard wrap the whole stack, since middleware can hang or fail too.
   */
  #wrap(core: ServerApp): ServerApp {
    const ms = this.#responseTimeout;
    if (this.#middleware.length === 0) {
      if (ms !== null && this.#deadlines === null) this.#deadlines = new Deadlines(ms);
      return core;
    }
    this.#deadlines = null;
    const wrapped = this.#middleware.reduce<ServerApp>(
      (inner, middleware) => middleware(inner),
      core,
    );
    return serverErrorGuard(ms === null ? wrapped : responseTimeout(ms)(wrapped), this.logger);
  }

  /** The path of the route named `name`, with its parameters filled and encoded. */
  urlFor(name: string, params?: Record<string, string | number>): string {
    return this.build().router.urlFor(name, params);
  }

  /** The app as a ServerApp: give it to `serve()`, mount it, or wrap it in middleware. */
  readonly serverApp: ServerApp = (scope, receive, send) => {
    if (scope.type === "lifespan") {
      // A bad declaration must fail the startup, not escape from serverApp itself.
      let built: Built;
      try {
        built = this.build();
      } catch {
        return runLifespan(this.#lifespanParts(), scope, receive, send);
      }
      return built.app(scope, receive, send);
    }
    return this.build().app(scope, receive, send);
  };

  #lifespanParts(): LifespanParts<Typhoon> {
    return {
      app: this,
      handler: this.#lifespan,
      onStartup: this.#onStartup,
      onShutdown: this.#onShutdown,
      build: () => this.build(),
      logger: this.logger,
    };
  }

  async #websocket(scope: WebSocketScope, receive: Receive, send: Send): Promise<void> {
    const match = this.build().websockets.match("GET", scope.path);
    if (match.kind === "full") return match.route.handle(scope, receive, send, match.params);
    if (match.kind === "mount")
      return this.#mounted(match.target, match.rootPath, match.path, scope, receive, send);
    // No such WebSocket route: refuse the handshake (the client sees 403).
    await send({ type: "websocket.close", code: 1000 });
  }

  // Not async: a route's promise goes back as it is (an async wrapper costs two ticks).
  #http(scope: HTTPScope, receive: Receive, send: Send): Promise<void> {
    try {
      return this.#dispatch(scope, receive, send);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #dispatch(scope: HTTPScope, receive: Receive, send: Send): Promise<void> {
    const { router } = this.build();
    const match = router.match(scope.method, scope.path);
    if (match.kind === "full") return match.route.handle(scope, receive, send, match.params);
    if (match.kind === "mount")
      return this.#mounted(match.target, match.rootPath, match.path, scope, receive, send);
    if (match.kind === "partial") {
      return this.#error(
        new Request(scope, receive),
        new HTTPException(405, "Method Not Allowed", { allow: match.allow.join(", ") }),
        send,
      );
    }
    const target = scope.path === "/" ? null : router.redirectTarget(scope.path);
    if (target !== null) {
      const host = new Request(scope, receive).headers.get("host") ?? "localhost";
      const query = scope.query_string ? `?${scope.query_string}` : "";
      // Flip the slash on the raw path so the client's own encoding is kept.
      const raw = target.endsWith("/") ? `${scope.raw_path}/` : scope.raw_path.slice(0, -1);
      const location = `${scope.scheme}://${host}${scope.root_path}${raw}${query}`;
      const response = new Response(null, { status: 307, headers: [["location", location]] });
      return response.send(send);
    }
    // The default 404, prebuilt: no exception object, no handler lookup, no Response.
    if (this.exceptionHandlers.answersByDefault(404)) {
      return sendWhole(send, 404, [JSON_TYPE, NOT_FOUND_LENGTH], NOT_FOUND_BODY);
    }
    return this.#error(new Request(scope, receive), new HTTPException(404, "Not Found"), send);
  }

  async #error(request: Request, error: unknown, send: Send): Promise<void> {
    let response = this.exceptionHandlers.renderNow(request, error);
    if (response instanceof Response) return response.send(send);
    // A custom handler may take time, or never settle: only then does a deadline apply.
    const deadline = this.#deadlines?.watch(send);
    response = await response;
    if (deadline === undefined || deadline.start()) await response.send(send);
  }

  #mounted(
    target: unknown,
    prefix: string,
    path: string,
    scope: Scope,
    receive: Receive,
    send: Send,
  ): Promise<void> {
    let app = toServerApp(target as AppLike);
    // A mounted Typhoon app keeps its own deadline; any other app gets this app's.
    if (this.#deadlines !== null && !(target instanceof Typhoon)) app = this.#timedMount(app);
    const child = { ...scope, root_path: (scope as HTTPScope).root_path + prefix, path } as Scope;
    return app(child, receive, send);
  }

  #timedMount(app: ServerApp): ServerApp {
    let timed = this.#timedMounts.get(app);
    if (timed === undefined) {
      this.#mountTimeout ??= responseTimeout(this.#responseTimeout as number);
      timed = this.#mountTimeout(app);
      this.#timedMounts.set(app, timed);
    }
    return timed;
  }
}
