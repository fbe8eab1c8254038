import type { InferParams } from "@typhoon/di";
import { RouteGroup } from "@typhoon/router";
import type { ServerApp } from "@typhoon/server";
import type { GenericSchema } from "valibot";
import type {
  CheckPathParams,
  Handler,
  Params,
  RouteOptions,
  SharedRouteOptions,
  WebSocketRouteOptions,
} from "./types";

/** A route as declared, before the app plans it at startup. */
export interface RouteDef {
  /** A WebSocket route answers the handshake (a GET) and lives in its own table. */
  readonly kind: "http" | "websocket";
  readonly methods: readonly string[];
  readonly path: string;
  readonly options: RouteOptions<Params, GenericSchema | undefined>;
  readonly handler: (args: any) => unknown;
}

/** `router.get(path, options, handler)` / `router.get(path, handler)`, with inferred types. */
export interface RouteRegistrar<Self> {
  <
    const Path extends string,
    P extends Params = {},
    Res extends GenericSchema | undefined = undefined,
  >(
    path: Path,
    options: RouteOptions<P, Res> & { params?: P & CheckPathParams<Path, P> },
    handler: Handler<P, Res>,
  ): Self;
  <const Path extends string>(path: Path, handler: Handler<{}, undefined>): Self;
}

export interface APIRouterOptions extends SharedRouteOptions {
  /** Prepended to every path of this router: `/items`, never `/items/`. */
  prefix?: string;
}

export interface IncludeRouterOptions extends SharedRouteOptions {
  prefix?: string;
}

/**
 * A group of routes with a prefix and shared options (tags, dependencies, responses),
 * included into an app or another router — FastAPI's APIRouter.
 */
export class APIRouter {
  /** The route tree; the app flattens it once at startup. */
  readonly group: RouteGroup<RouteDef, SharedRouteOptions>;

  constructor(options: APIRouterOptions = {}) {
    const { prefix, ...shared } = options;
    this.group = new RouteGroup({ prefix: prefix ?? "", options: shared });
  }

  readonly get: RouteRegistrar<this> = this.#registrar(["GET"]);
  readonly post: RouteRegistrar<this> = this.#registrar(["POST"]);
  readonly put: RouteRegistrar<this> = this.#registrar(["PUT"]);
  readonly patch: RouteRegistrar<this> = this.#registrar(["PATCH"]);
  readonly delete: RouteRegistrar<this> = this.#registrar(["DELETE"]);
  readonly head: RouteRegistrar<this> = this.#registrar(["HEAD"]);
  readonly options: RouteRegistrar<this> = this.#registrar(["OPTIONS"]);

  /** A route answering several methods: `router.route(["GET", "POST"], path, options, handler)`. */
  route<
    const Path extends string,
    P extends Params = {},
    Res extends GenericSchema | undefined = undefined,
  >(
    methods: readonly string[],
    path: Path,
    options: RouteOptions<P, Res> & { params?: P & CheckPathParams<Path, P> },
    handler: Handler<P, Res>,
  ): this {
    return this.#add(methods, path, options as RouteDef["options"], handler as RouteDef["handler"]);
  }

  /** A WebSocket route: `router.websocket("/ws/{room}", { params }, async ({ ws, room }) => ...)`. */
  websocket<const Path extends string, P extends Params = {}>(
    path: Path,
    options: WebSocketRouteOptions<P> & { params?: P & CheckPathParams<Path, P> },
    handler: (args: InferParams<P>) => unknown,
  ): this {
    const def = options as RouteDef["options"];
    return this.#add(["GET"], path, def, handler as RouteDef["handler"], "websocket");
  }

  /** Includes `router` (possibly several times, under different prefixes). */
  includeRouter(router: APIRouter, options: IncludeRouterOptions = {}): this {
    const { prefix, ...shared } = options;
    this.group.include(router.group, { prefix: prefix ?? "", options: shared });
    this.changed();
    return this;
  }

  /** Serves any ServerApp (or Typhoon app) under `path`, with `root_path` extended. */
  mount(
    path: string,
    app: ServerApp | { readonly serverApp: ServerApp },
    options: { name?: string } = {},
  ): this {
    this.group.mount(path, app, options);
    this.changed();
    return this;
  }

  #registrar(methods: readonly string[]): RouteRegistrar<this> {
    return ((path: string, optionsOrHandler: unknown, maybeHandler?: unknown) => {
      const handler = (
        typeof optionsOrHandler === "function" ? optionsOrHandler : maybeHandler
      ) as RouteDef["handler"];
      const options = (
        typeof optionsOrHandler === "function" ? {} : optionsOrHandler
      ) as RouteDef["options"];
      return this.#add(methods, path, options ?? {}, handler);
    }) as RouteRegistrar<this>;
  }

  #add(
    methods: readonly string[],
    path: string,
    options: RouteDef["options"],
    handler: RouteDef["handler"],
    kind: RouteDef["kind"] = "http",
  ): this {
    if (typeof handler !== "function")
      throw new TypeError(`Route ${methods.join(",")} ${path}: the handler must be a function`);
    const def: RouteDef = { kind, methods, path, options, handler };
    this.group.add(
      options.name === undefined
        ? { methods, path, route: def }
        : { methods, path, route: def, name: options.name },
    );
    this.changed();
    return this;
  }

  /** Called after every registration; the app overrides it to drop its planned routes. */
  protected changed(): void {}
}
