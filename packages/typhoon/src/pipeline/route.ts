import { CleanupStack, type DependencyOverrides, type DependsMarker, type Plan } from "@typhoon/di";
import type { FlatRoute } from "@typhoon/router";
import type { HTTPScope, Logger, Receive, Send } from "@typhoon/server";
import {
  compileResponse,
  type ErrorItem,
  RequestValidationError,
  type ResponseFilter,
} from "@typhoon/validation";
import { parseForm, type ResolvedFormOptions } from "../forms/parse-form";
import { Request } from "../http/request";
import { Response } from "../http/responses";
import type { RouteDef } from "../routing/api-router";
import type { SharedRouteOptions } from "../routing/types";
import { jsonBodyValue } from "./body";
import { RequestContext } from "./context";
import type { Deadline, Deadlines } from "./deadlines";
import type { ExceptionHandlers } from "./exception-handlers";
import type { DeclaredInput } from "./inputs";
import { EMPTY, hasNoBody, jsonHeaders, sendWhole } from "./json-response";
import type { MergedOptions } from "./route-options";
import { mergeOptions } from "./route-options";
import { RoutePlan } from "./route-plan";

export { type MergedOptions, mergeOptions } from "./route-options";

/** What a route needs from its app. */
export interface RouteHost {
  readonly overrides: DependencyOverrides;
  readonly exceptionHandlers: ExceptionHandlers;
  readonly logger: Logger;
  readonly dependencies: readonly DependsMarker<unknown>[];
  readonly bodyLimit: number;
  readonly formOptions: ResolvedFormOptions;
  /** The app's response deadline, when its routes enforce it (null: off, or done outside). */
  readonly deadlines: Deadlines | null;
}

/**
 * A route planned at startup: its dependency graph, input extractors, body handling and
 * response filter are compiled once; `handle` only executes them.
 */
export class PlannedRoute {
  readonly def: RouteDef;
  readonly path: string;
  readonly methods: readonly string[];
  readonly merged: MergedOptions;
  readonly #host: RouteHost;
  readonly #filter: ResponseFilter | null;
  readonly #status: number;
  readonly #plan: RoutePlan;
  /** One options object for every request's cleanup stack (not a closure per request). */
  readonly #cleanupOptions = {
    onError: (e: unknown) => this.#host.logger.error("Dependency cleanup failed", e),
  };

  constructor(host: RouteHost, flat: FlatRoute<RouteDef, SharedRouteOptions>) {
    this.def = flat.route;
    this.path = flat.path;
    this.methods = flat.methods;
    this.#host = host;
    this.merged = mergeOptions(flat.chain, flat.route.options);
    const { response, excludeUnset, excludeNone } = flat.route.options;
    this.#filter =
      response === undefined
        ? null
        : compileResponse(response, {
            excludeUnset: excludeUnset ?? false,
            excludeNone: excludeNone ?? false,
            // Written by a JSON writer compiled from the schema: about a third of JSON.stringify.
            json: true,
          });
    this.#status = flat.route.options.status ?? 200;
    this.#plan = new RoutePlan({
      path: this.path,
      name: `${this.methods.join(",")} ${this.path}`,
      params: this.def.options.params ?? {},
      before: [...host.dependencies, ...this.merged.dependencies],
      overrides: host.overrides,
      allowBody: true,
    });
  }

  /** Every input the route reads, across its whole dependency graph (for the docs). */
  get inputs(): readonly DeclaredInput[] {
    return this.#plan.inputs;
  }

  get dependencyPlan(): Plan<RequestContext> {
    return this.#plan.current();
  }

  handle(
    scope: HTTPScope,
    receive: Receive,
    send: Send,
    pathParams: Readonly<Record<string, string>>,
  ): Promise<void> {
    const routePlan = this.#plan.current();
    if (!routePlan.isSync || routePlan.needsCleanup || this.#plan.hasBody || this.#plan.hasForm) {
      return this.#handle(scope, receive, send, pathParams, routePlan);
    }
    // A sync plan with no body and nothing to clean up: everything up to the send runs
    // synchronously, and the suspended frame is sendWhole's small one, not a whole handler's.
    const request = this.#newRequest(scope, receive, pathParams);
    const ctx = new RequestContext(request);
    let body: Uint8Array;
    try {
      const errors: unknown[] = [];
      const values = routePlan.run(ctx, NO_CLEANUP, errors);
      // A plain provider may still return a promise (`() => fetch(...)`).
      if (values instanceof Promise) {
        return this.#afterPlan(values, errors, request, ctx, send, this.#watch(send));
      }
      if (errors.length > 0) throw new RequestValidationError(errors as ErrorItem[]);
      const result = this.def.handler(values);
      if (
        result instanceof Promise ||
        result instanceof Response ||
        ctx.backgroundTasksIfUsed !== undefined
      ) {
        const deadline = result instanceof Promise ? this.#watch(send) : null;
        return this.#respond(result, request, ctx, send, deadline);
      }
      body = this.#jsonBody(result, ctx.responseIfUsed);
    } catch (error) {
      return this.#fail(error, request, send, null);
    }
    const injected = ctx.responseIfUsed;
    return sendWhole(send, this.#statusWith(injected), jsonHeaders(body, injected), body);
  }

  /**
   * Starts the response deadline of a request that goes async (a synchronous answer needs
   * none: nothing can hang before its response starts).
   */
  #watch(send: Send): Deadline | null {
    const deadlines = this.#host.deadlines;
    return deadlines === null ? null : deadlines.watch(send);
  }

  #newRequest(
    scope: HTTPScope,
    receive: Receive,
    pathParams: Readonly<Record<string, string>>,
  ): Request {
    const request = new Request(scope, receive, pathParams as Record<string, string>);
    request.bodyLimit = this.#host.bodyLimit;
    return request;
  }

  /** The sync path's continuation when a dependency answered with a promise after all. */
  async #afterPlan(
    pending: Promise<Record<string, unknown>>,
    errors: unknown[],
    request: Request,
    ctx: RequestContext,
    send: Send,
    deadline: Deadline | null,
  ): Promise<void> {
    let result: unknown;
    try {
      const values = await pending;
      if (errors.length > 0) throw new RequestValidationError(errors as ErrorItem[]);
      result = this.def.handler(values);
    } catch (error) {
      await this.#fail(error, request, send, deadline);
      return;
    }
    await this.#respond(result, request, ctx, send, deadline);
  }

  /** The sync path's continuation for an async handler, a Response, or background tasks. */
  async #respond(
    handlerResult: unknown,
    request: Request,
    ctx: RequestContext,
    send: Send,
    deadline: Deadline | null,
  ): Promise<void> {
    let response: Response | null = null;
    let body: Uint8Array = EMPTY;
    try {
      const result = handlerResult instanceof Promise ? await handlerResult : handlerResult;
      if (result instanceof Response) response = result;
      else body = this.#jsonBody(result, ctx.responseIfUsed);
    } catch (error) {
      await this.#fail(error, request, send, deadline);
      return;
    }
    const scope = request.scope as HTTPScope;
    // Past the deadline the client has its 504: nothing is sent (background tasks still run).
    if (deadline === null || deadline.start()) {
      if (response !== null) await response.send(send, scope.method, request.receive, scope);
      else {
        const injected = ctx.responseIfUsed;
        await sendWhole(send, this.#statusWith(injected), jsonHeaders(body, injected), body);
      }
    }
    // FastAPI 0.92's order: background tasks after the body is sent.
    const tasks = ctx.backgroundTasksIfUsed;
    if (tasks !== undefined) await tasks.run(this.#host.logger);
  }

  /** The sync path's error answer, through the app's exception handlers. */
  async #fail(
    error: unknown,
    request: Request,
    send: Send,
    deadline: Deadline | null,
  ): Promise<void> {
    let response = this.#host.exceptionHandlers.renderNow(request, error);
    if (!(response instanceof Response)) {
      // A custom handler may take time, or never settle.
      deadline ??= this.#watch(send);
      response = await response;
    }
    if (deadline !== null && !deadline.start()) return; // the client has its 504
    await response.send(send, (request.scope as HTTPScope).method);
  }

  /** Any route: a body or a form to read first, an async plan, dependencies with cleanup. */
  async #handle(
    scope: HTTPScope,
    receive: Receive,
    send: Send,
    pathParams: Readonly<Record<string, string>>,
    routePlan: Plan<RequestContext>,
  ): Promise<void> {
    const request = this.#newRequest(scope, receive, pathParams);
    const ctx = new RequestContext(request);
    const stack = routePlan.needsCleanup ? new CleanupStack(this.#cleanupOptions) : NO_CLEANUP;
    const deadline = this.#watch(send);
    // A handler's plain value is sent as JSON without building a Response object.
    let response: Response | null = null;
    let body: Uint8Array = EMPTY;
    try {
      if (this.#plan.hasBody) {
        const bytes = await request.body();
        ctx.body = jsonBodyValue(bytes, request.headers.get("content-type"));
      } else if (this.#plan.hasForm)
        ctx.form = await parseForm(
          receive,
          request.headers.get("content-type"),
          this.#host.formOptions,
        );
      const errors: unknown[] = [];
      let values = routePlan.run(ctx, stack, errors);
      if (values instanceof Promise) values = await values;
      if (errors.length > 0) throw new RequestValidationError(errors as ErrorItem[]);
      let result = this.def.handler(values);
      if (result instanceof Promise) result = await result;
      // `Depends(p, { scope: "function" })` cleanups end before the response is sent (a commit
      // lands before the client sees the result); a failure there becomes the error response.
      const functionScope = stack.functionScopeIfUsed;
      if (functionScope !== undefined) await functionScope.close();
      if (result instanceof Response) response = result;
      else body = this.#jsonBody(result, ctx.responseIfUsed);
    } catch (error) {
      // Dependencies with cleanup see the error before it becomes a response (FastAPI 0.92).
      if (stack !== NO_CLEANUP) await stack.close(error);
      let errorResponse = this.#host.exceptionHandlers.renderNow(request, error);
      if (!(errorResponse instanceof Response)) errorResponse = await errorResponse;
      try {
        if (deadline === null || deadline.start()) await errorResponse.send(send, scope.method);
      } finally {
        deadline?.stop();
        if (ctx.form !== undefined) await ctx.form.close();
      }
      return;
    }
    let failure: unknown;
    try {
      // Past the deadline the client has its 504: nothing is sent (tasks and cleanup still run).
      if (deadline === null || deadline.start()) {
        if (response !== null) await response.send(send, scope.method, receive, scope);
        else {
          // Sent from here rather than through a helper: one async frame (and tick) less.
          const injected = ctx.responseIfUsed;
          const status = this.#statusWith(injected);
          await send({ type: "http.response.start", status, headers: jsonHeaders(body, injected) });
          await send({ type: "http.response.body", body });
        }
      }
      // FastAPI 0.92's order: background tasks after the body is sent, then dependency cleanup.
      const tasks = ctx.backgroundTasksIfUsed;
      if (tasks !== undefined) await tasks.run(this.#host.logger);
    } catch (error) {
      failure = error; // a stream broke after the response started: the server cuts it
      throw error;
    } finally {
      // Temporary upload files never outlive the request (no await, so no tick, without a form).
      if (ctx.form !== undefined) await ctx.form.close();
      if (stack !== NO_CLEANUP) await stack.close(failure);
    }
  }

  /** The status of a plain value's response: the injected Response's, if it set one. */
  #statusWith(injected: Response | undefined): number {
    return injected !== undefined && injected.status !== 0 ? injected.status : this.#status;
  }

  /**
   * The handler's value through the response schema (unknown keys dropped) and as JSON bytes;
   * empty for statuses without a body (the value is still validated).
   */
  #jsonBody(result: unknown, injected: Response | undefined): Uint8Array {
    let json: string | undefined;
    if (this.#filter !== null) {
      const filtered = this.#filter(result);
      if (!filtered.ok) {
        throw new ResponseValidationError(
          `${this.methods.join(",")} ${this.path}`,
          filtered.errors,
        );
      }
      json = filtered.json;
    }
    if (hasNoBody(this.#statusWith(injected))) return EMPTY;
    // Buffer.from copies small strings into Node's shared pool: no ArrayBuffer per response.
    return Buffer.from(json ?? JSON.stringify(result) ?? "null");
  }
}

/** A handler returned data its response schema rejects: a server bug, answered with 500. */
export class ResponseValidationError extends Error {
  readonly errors: unknown[];
  constructor(route: string, errors: unknown[]) {
    super(`Response of ${route} does not match its response schema: ${JSON.stringify(errors)}`);
    this.name = "ResponseValidationError";
    this.errors = errors;
  }
}

/** Shared by routes without generator dependencies: nothing is ever pushed on it. */
export const NO_CLEANUP = new CleanupStack();
