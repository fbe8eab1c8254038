import { CleanupStack } from "@typhoon/di";
import type { FlatRoute } from "@typhoon/router";
import type { Receive, Send, WebSocketScope } from "@typhoon/server";
import { HTTPException } from "../http/exceptions";
import { Request } from "../http/request";
import type { RouteDef } from "../routing/api-router";
import type { SharedRouteOptions } from "../routing/types";
import { WebSocket, WebSocketDisconnect, WebSocketException } from "../websocket/websocket";
import { RequestContext } from "./context";
import { NO_CLEANUP } from "./exchange";
import type { RouteHost } from "./route";
import { mergeOptions } from "./route-options";
import { RoutePlan } from "./route-plan";

/** Policy violation: what FastAPI closes with when a handshake's params are invalid. */
const POLICY_VIOLATION = 1008;

/** A WebSocket route planned at startup, like an HTTP route but without a body or response. */
export class PlannedWebSocketRoute {
  readonly def: RouteDef;
  readonly path: string;
  readonly #host: RouteHost;
  readonly #plan: RoutePlan;

  constructor(host: RouteHost, flat: FlatRoute<RouteDef, SharedRouteOptions>) {
    this.def = flat.route;
    this.path = flat.path;
    this.#host = host;
    const merged = mergeOptions(flat.chain, flat.route.options);
    this.#plan = new RoutePlan({
      path: this.path,
      name: `WEBSOCKET ${this.path}`,
      params: this.def.options.params ?? {},
      // App-level dependencies guard HTTP routes (apps/reference/SPEC.md §1.3); router and
      // route ones apply here.
      before: merged.dependencies,
      overrides: host.dependencyOverrides,
      allowBody: false,
    });
  }

  async handle(
    scope: WebSocketScope,
    receive: Receive,
    send: Send,
    pathParams: Readonly<Record<string, string>>,
  ): Promise<void> {
    const request = new Request(scope, receive, pathParams as Record<string, string>);
    const websocket = new WebSocket(scope, receive, send, request);
    const ctx = new RequestContext(request, websocket);
    const routePlan = this.#plan.current();
    const stack = routePlan.needsCleanup
      ? new CleanupStack({
          onError: (e) => this.#host.logger.error("Dependency cleanup failed", e),
        })
      : NO_CLEANUP;
    try {
      const errors: unknown[] = [];
      let values = routePlan.run(ctx, stack, errors);
      if (values instanceof Promise) values = await values;
      if (errors.length > 0) {
        await websocket.close(POLICY_VIOLATION, "Invalid parameters");
        return;
      }
      await this.def.handler(values);
    } catch (error) {
      if (stack !== NO_CLEANUP) await stack.close(error);
      await this.#closeFor(websocket, error);
      return;
    }
    if (stack !== NO_CLEANUP) await stack.close();
  }

  async #closeFor(websocket: WebSocket, error: unknown): Promise<void> {
    if (error instanceof WebSocketDisconnect) return; // the client left: nothing to answer
    if (error instanceof WebSocketException) return websocket.close(error.code, error.reason);
    if (error instanceof HTTPException)
      return websocket.close(
        POLICY_VIOLATION,
        typeof error.detail === "string" ? error.detail : "",
      );
    this.#host.logger.error(`Error in WebSocket route ${this.path}`, error);
    // Accepted: 1011 (internal error). Not yet: closing before accept refuses with 403.
    await websocket.close(websocket.state === "connected" ? 1011 : 1000).catch(() => {});
  }
}
