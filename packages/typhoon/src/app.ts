import { DependencyOverrides, type DependsMarker } from "@typhoon/di";
import type { OpenAPIDocument } from "@typhoon/docs";
import type { Router } from "@typhoon/router";
import { consoleLogger, type Logger, type Middleware, type ServerApp } from "@typhoon/server";
import type { TyphoonOptions } from "./app-options";
import { type ResolvedFormOptions, resolveFormOptions } from "./forms/parse-form";
import { DEFAULT_BODY_LIMIT } from "./http/request";
import { type Hook, type LifespanHandler, type LifespanParts, runLifespan } from "./lifespan";
import { type HttpMiddlewareFunction, httpMiddleware } from "./middleware/http-middleware";
import { guardDeadline } from "./middleware/response-timeout";
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
import { Dispatcher } from "./pipeline/dispatch";
import {
  type ErrorClass,
  type ExceptionHandler,
  ExceptionHandlers,
} from "./pipeline/exception-handlers";
import type { PlannedRoute, RouteHost } from "./pipeline/route";
import { type AppRoutes, planRoutes } from "./pipeline/route-table";
import { serverErrorGuard } from "./pipeline/server-error-guard";
import { APIRouter } from "./routing/api-router";

export type { TyphoonOptions } from "./app-options";
export type { AppRoutes } from "./pipeline/route-table";

/**
 * A Typhoon application: an APIRouter at the root, plus app-wide settings, exception handlers,
 * dependency overrides and the `serverApp` every host runs.
 */
export class Typhoon extends APIRouter {
  readonly title: string;
  readonly version: string;
  readonly description: string | undefined;
  readonly dependencies: readonly DependsMarker<unknown>[];
  readonly bodyLimit: number;
  readonly strictContentType: boolean;
  readonly formOptions: ResolvedFormOptions;
  readonly logger: Logger;
  /** Swap providers in tests: `app.dependencyOverrides.set(getDb, fakeDb)`. */
  readonly dependencyOverrides = new DependencyOverrides();
  readonly exceptionHandlers: ExceptionHandlers;
  /** App state shared with every request (`request.state`) once the lifespan has started. */
  readonly state: Record<string, unknown> = {};
  readonly #redirectSlashes: boolean;
  /** The response deadline (`responseTimeout`): its one owner, or null when turned off. */
  readonly #deadlines: Deadlines | null;
  readonly #openapiUrl: string | null;
  readonly #docsUrl: string | null;
  readonly #docsPage: DocsPageOptions;
  readonly #openapi: OpenAPIProvider;
  readonly #lifespan: LifespanHandler<Typhoon> | undefined;
  readonly #middleware: Middleware[] = [];
  readonly #onStartup: Hook[] = [];
  readonly #onShutdown: Hook[] = [];
  #built: AppRoutes | null = null;

  constructor(options: TyphoonOptions = {}) {
    super();
    this.title = options.title ?? "Typhoon";
    this.version = options.version ?? "0.1.0";
    this.description = options.description;
    this.dependencies = options.dependencies ?? [];
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.strictContentType = options.strictContentType ?? true;
    this.formOptions = resolveFormOptions(options.forms);
    this.logger = options.logger ?? consoleLogger();
    this.exceptionHandlers = new ExceptionHandlers(options.errorFormat ?? "fastapi", this.logger);
    this.#redirectSlashes = options.redirectSlashes ?? true;
    this.#lifespan = options.lifespan;
    const timeout = options.responseTimeout === undefined ? 60_000 : options.responseTimeout;
    this.#deadlines = timeout === null ? null : new Deadlines(timeout);
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

  /** Handle errors of a class (nearest superclass wins) or HTTPExceptions of a status. */
  exceptionHandler<E>(key: ErrorClass<E> | number, handler: ExceptionHandler<E>): this {
    this.exceptionHandlers.set(key, handler);
    return this;
  }

  /** Routes were added after planning: plan again on next use. */
  protected override changed(): void {
    this.#built = null;
    this.#openapi?.reset();
  }

  /**
   * Plans every route (dependency graphs, extractors, validators). Runs at startup, or on the
   * first request; a bad declaration throws here, not in the middle of traffic.
   */
  build(): AppRoutes {
    if (this.#built !== null) return this.#built;
    // Without user middleware the routes enforce the response deadline themselves (a
    // synchronous answer pays nothing for it) and errors reach the host, which logs them and
    // answers 500 as the guard would. With middleware, the deadline and the server-error
    // guard wrap the whole stack, since middleware can hang or fail too.
    const inRoutes = this.#middleware.length === 0 ? this.#deadlines : null;
    const host: RouteHost = {
      dependencyOverrides: this.dependencyOverrides,
      exceptionHandlers: this.exceptionHandlers,
      logger: this.logger,
      deadlines: inRoutes,
      dependencies: this.dependencies,
      bodyLimit: this.bodyLimit,
      strictContentType: this.strictContentType,
      formOptions: this.formOptions,
    };
    const table = planRoutes(this, host, {
      redirectSlashes: this.#redirectSlashes,
      addFixedRoutes: (router) => this.#addDocsRoutes(router),
    });
    const dispatch = new Dispatcher(table, host, inRoutes && guardDeadline(inRoutes));
    const core: ServerApp = (scope, receive, send) => {
      try {
        if (scope.type === "http") return dispatch.http(scope, receive, send);
        if (scope.type === "websocket") return dispatch.websocket(scope, receive, send);
      } catch (error) {
        return Promise.reject(error);
      }
      return runLifespan(this.#lifespanParts(), scope, receive, send);
    };
    this.#built = { ...table, app: this.#wrap(core) };
    return this.#built;
  }

  #wrap(core: ServerApp): ServerApp {
    if (this.#middleware.length === 0) return core;
    const wrapped = this.#middleware.reduce<ServerApp>(
      (inner, middleware) => middleware(inner),
      core,
    );
    const timed = this.#deadlines === null ? wrapped : guardDeadline(this.#deadlines)(wrapped);
    return serverErrorGuard(timed, this.logger);
  }

  #addDocsRoutes(router: Router<PlannedRoute | FixedRoute>): void {
    if (this.#openapiUrl === null) return;
    router.add(["GET"], this.#openapiUrl, openapiRoute(this.#openapi));
    if (this.#docsUrl === null) return;
    const title = this.#docsPage.title ?? `${this.title} - Docs`;
    const options = { ...this.#docsPage, title, logger: this.logger };
    const page = docsPageRoute(this.#openapiUrl, this.#docsUrl, options);
    router.add(["GET"], this.#docsUrl, page);
    router.add(["GET"], `${this.#docsUrl}/scalar.js`, scalarScriptRoute());
  }

  /** The path of the route named `name`, with its parameters filled and encoded. */
  urlFor(name: string, params?: Record<string, string | number>): string {
    return this.build().router.urlFor(name, params);
  }

  /** The app as a ServerApp: give it to `serve()`, mount it, or wrap it in middleware. */
  readonly serverApp: ServerApp = (scope, receive, send) => {
    if (scope.type === "lifespan") {
      // A bad declaration must fail the startup, not escape from serverApp itself.
      let built: AppRoutes;
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
}
