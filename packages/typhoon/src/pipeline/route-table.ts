import { Router } from "@typhoon/router";
import type { ServerApp } from "@typhoon/server";
import type { FixedRoute } from "../openapi/docs-routes";
import type { APIRouter } from "../routing/api-router";
import { PlannedRoute, type RouteHost } from "./route";
import { PlannedWebSocketRoute } from "./websocket-route";

/** An app's routes as planned at startup (`app.build()`). */
export interface AppRoutes {
  /** HTTP routes, the docs routes and mounts. */
  readonly router: Router<PlannedRoute | FixedRoute>;
  /** The planned HTTP routes, in declaration order (what the docs and the CLI list). */
  readonly routes: readonly PlannedRoute[];
  readonly websockets: Router<PlannedWebSocketRoute>;
  /** The app as the host runs it: the core inside the middleware, last added outermost. */
  readonly app: ServerApp;
}

export interface RouteTableOptions {
  readonly redirectSlashes: boolean;
  /** Adds the routes served outside the pipeline (the OpenAPI document and docs page). */
  readonly addFixedRoutes: (router: Router<PlannedRoute | FixedRoute>) => void;
}

/**
 * Plans every route of `root` (dependency graphs, extractors, validators): a bad declaration
 * throws here, at startup, not in the middle of traffic.
 */
export function planRoutes(
  root: APIRouter,
  host: RouteHost,
  options: RouteTableOptions,
): Omit<AppRoutes, "app"> {
  const router = new Router<PlannedRoute | FixedRoute>({
    redirectSlashes: options.redirectSlashes,
  });
  options.addFixedRoutes(router);
  const websockets = new Router<PlannedWebSocketRoute>({ redirectSlashes: false });
  const routes: PlannedRoute[] = [];
  // A router included twice repeats its route names; the first one wins, as in Starlette.
  const names = new Set<string>();
  const named = (name: string | undefined) => {
    if (name === undefined || names.has(name)) return {};
    names.add(name);
    return { name };
  };
  for (const item of root.group.items()) {
    if (item.kind === "mount") {
      router.mount(item.path, item.target, named(item.name));
      websockets.mount(item.path, item.target);
    } else if (item.route.kind === "websocket") {
      const route = new PlannedWebSocketRoute(host, item);
      websockets.add(["GET"], item.path, route, named(item.name));
    } else {
      const route = new PlannedRoute(host, item);
      router.add(item.methods, item.path, route, named(item.name));
      routes.push(route);
    }
  }
  return { router, routes, websockets };
}
