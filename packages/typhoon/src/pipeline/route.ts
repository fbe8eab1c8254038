import { CleanupStack, type DependencyOverrides, type DependsMarker, type Plan } from "@typhoon/di";
import type { FlatRoute } from "@typhoon/router";
import { type HTTPScope, type Receive, type Send, statusHasNoBody } from "@typhoon/server";
import {
  compileResponse,
  type ErrorItem,
  RequestValidationError,
  type ResponseFilter,
  ResponseValidationError,
} from "@typhoon/validation";
import type { FormData } from "../forms/form-data";
import { parseForm, type ResolvedFormOptions } from "../forms/parse-form";
import { Request } from "../http/request";
import { Response } from "../http/responses";
import { EMPTY } from "../http/send-whole";
import type { RouteDef } from "../routing/api-router";
import type { SharedRouteOptions } from "../routing/types";
import { type AnswerHost, answer, answerError, answerJson, waiting } from "./answer";
import { jsonBodyValue } from "./body";
import type { RequestContext } from "./context";
import { HttpExchange, NO_CLEANUP } from "./exchange";
import type { DeclaredInput } from "./inputs";
import { jsonHeaders } from "./json-response";
import { type MergedOptions, mergeOptions } from "./route-options";
import { RoutePlan } from "./route-plan";

/** What a route needs from its app. */
export interface RouteHost extends AnswerHost {
  readonly dependencyOverrides: DependencyOverrides;
  /** App-level dependencies, run before every route's own. */
  readonly dependencies: readonly DependsMarker<unknown>[];
  readonly bodyLimit: number;
  /** The app's `strictContentType`, for routes that do not set their own. */
  readonly strictContentType: boolean;
  readonly formOptions: ResolvedFormOptions;
}

// A request's steps, in order. Each may return a promise; the loop continues synchronously
// until one does (the technique of the dependency planner's program), so a synchronous route
// answers without a single async frame of its own.
const READ_BODY = 0;
const DECODE_BODY = 1;
const RESOLVE = 2;
const CALL = 3;
const CLOSE_FUNCTION_SCOPE = 4;
const STEPS = 5;

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
  /** `GET,HEAD /items/{id}`: how errors and logs name the route. */
  readonly #name: string;
  readonly #filter: ResponseFilter | null;
  readonly #status: number;
  /** Whether a JSON body needs a JSON content type: the route's setting, else the app's. */
  readonly #strictContentType: boolean;
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
    this.#name = `${this.methods.join(",")} ${this.path}`;
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
    this.#strictContentType = this.merged.strictContentType ?? host.strictContentType;
    this.#plan = new RoutePlan({
      path: this.path,
      name: this.#name,
      params: this.def.options.params ?? {},
      before: [...host.dependencies, ...this.merged.dependencies],
      overrides: host.dependencyOverrides,
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
    const plan = this.#plan.current();
    const request = new Request(scope, receive, pathParams as Record<string, string>);
    request.bodyLimit = this.#host.bodyLimit;
    const stack = plan.needsCleanup ? new CleanupStack(this.#cleanupOptions) : NO_CLEANUP;
    const x = new HttpExchange(request, send, stack);
    const reads = this.#plan.hasBody || this.#plan.hasForm;
    return this.#advance(x, plan, reads ? READ_BODY : RESOLVE);
  }

  /** Runs the steps from `from`; at the first promise, continues when it settles. */
  #advance(x: HttpExchange, plan: Plan<RequestContext>, from: number): Promise<void> {
    let status: number;
    let json: Uint8Array;
    try {
      for (let step = from; step < STEPS; step++) {
        const pending = this.#step(step, x, plan);
        if (pending !== undefined) {
          waiting(this.#host, x);
          const next = step + 1;
          const yields = step !== CLOSE_FUNCTION_SCOPE; // its promise settles to x.value
          return pending.then(
            (value) => {
              if (yields) x.value = value;
              return this.#advance(x, plan, next);
            },
            (error: unknown) => answerError(this.#host, x, error),
          );
        }
      }
      if (x.value instanceof Response) return answer(this.#host, x, x.value);
      status = this.#statusWith(x);
      json = this.#json(x.value, status);
    } catch (error) {
      return answerError(this.#host, x, error);
    }
    return answerJson(this.#host, x, status, jsonHeaders(json, x.responseIfUsed), json);
  }

  /** Runs one step: its value goes to `x.value` now, or its promise is returned. */
  #step(step: number, x: HttpExchange, plan: Plan<RequestContext>): Promise<unknown> | undefined {
    switch (step) {
      case READ_BODY:
        // The bytes of a JSON body, or the parsed form: the route reads one or the other.
        return this.#plan.hasBody
          ? x.request.body()
          : parseForm(
              x.request.receive,
              x.request.headers.get("content-type"),
              this.#host.formOptions,
            );
      case DECODE_BODY:
        if (!this.#plan.hasBody) x.form = x.value as FormData;
        else
          x.body = jsonBodyValue(
            x.value as Uint8Array,
            x.request.headers.get("content-type"),
            this.#strictContentType,
          );
        return undefined;
      case RESOLVE: {
        const values = plan.run(x, x.stack, x.errors);
        if (values instanceof Promise) return values;
        x.value = values;
        return undefined;
      }
      case CALL: {
        if (x.errors.length > 0)
          throw new RequestValidationError(x.errors as ErrorItem[], { body: x.form ?? x.body });
        const result = this.def.handler(x.value);
        if (result instanceof Promise) return result;
        x.value = result;
        return undefined;
      }
      case CLOSE_FUNCTION_SCOPE:
        // `Depends(p, { scope: "function" })` cleanups end before the response is sent (a
        // commit lands before the client sees the result); a failure there is the answer.
        return x.stack.functionScopeIfUsed?.close();
    }
    return undefined;
  }

  /** A plain value's status: the injected Response's, if the handler set one. */
  #statusWith(x: HttpExchange): number {
    const injected = x.responseIfUsed;
    return injected !== undefined && injected.status !== 0 ? injected.status : this.#status;
  }

  /**
   * A plain value as JSON bytes, through the response schema (unknown keys dropped); empty
   * for statuses without a body (the value is still validated).
   */
  #json(result: unknown, status: number): Uint8Array {
    let json: string | undefined;
    if (this.#filter !== null) {
      const filtered = this.#filter(result);
      if (!filtered.ok) throw new ResponseValidationError(filtered.errors, { route: this.#name });
      json = filtered.json;
    }
    if (statusHasNoBody(status)) return EMPTY;
    // Buffer.from copies small strings into Node's shared pool: no ArrayBuffer per response.
    return Buffer.from(json ?? JSON.stringify(result) ?? "null");
  }
}
