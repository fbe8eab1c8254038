import type { DependsMarker, InferParams } from "@typhoon/di";
import type { PathParamNames } from "@typhoon/router";
import type { GenericSchema, InferInput } from "valibot";
import type { Response } from "../http/responses";
import type { ParamMarker } from "../params/markers";

/** A route's or dependency's declared inputs: markers, bare schemas, Depends, Request/Response. */
export type Params = Record<string, unknown>;

/** An extra response documented for a route (FastAPI's `responses={404: {...}}`). */
export interface ResponseDoc {
  description?: string;
  schema?: GenericSchema;
  headers?: Record<string, { description?: string; schema?: GenericSchema }>;
}

/** Options that a router, an include and a route share; merged outermost first. */
export interface SharedRouteOptions {
  tags?: string[];
  /** Run before the route's own dependencies, for their effect only. */
  dependencies?: DependsMarker<unknown>[];
  responses?: Record<number | string, ResponseDoc>;
  deprecated?: boolean;
  includeInSchema?: boolean;
  /**
   * Read a body without `Content-Type` as JSON (false), or refuse it as not JSON (true, the
   * app's default): FastAPI's `strict_content_type`. The innermost setting wins.
   */
  strictContentType?: boolean;
}

export interface RouteOptions<
  P extends Params = Params,
  Res extends GenericSchema | undefined = undefined,
> extends SharedRouteOptions {
  params?: P;
  /** Schema the returned value is validated and filtered through (FastAPI's response_model). */
  response?: Res;
  /** Status of a successful plain return (default 200; 204 sends no body). */
  status?: number;
  summary?: string;
  description?: string;
  operationId?: string;
  /** Unique name for `app.urlFor`. */
  name?: string;
  /** Response description in the docs (default "Successful Response"). */
  responseDescription?: string;
  /** Leave out keys the returned value did not set (pydantic's exclude_unset). */
  excludeUnset?: boolean;
  /** Leave out keys whose value is null or undefined. */
  excludeNone?: boolean;
}

export interface WebSocketRouteOptions<P extends Params = Params> {
  params?: P;
  /** Run before the route's own dependencies (e.g. auth that closes with 1008 before accept). */
  dependencies?: DependsMarker<unknown>[];
  name?: string;
}

/** What a handler may return: data matching the response schema's input, or a Response. */
export type HandlerResult<Res> = Res extends GenericSchema ? InferInput<Res> | Response : unknown;

export type Handler<P, Res> = (
  args: InferParams<P>,
) => HandlerResult<Res> | Promise<HandlerResult<Res>>;

type DeclaredPathKeys<P> = {
  [K in keyof P]: P[K] extends ParamMarker<GenericSchema, "path"> ? K : never;
}[keyof P];

/**
 * `unknown` when every `Path()` key is a parameter of the template; otherwise an object type
 * that makes the offending key an error pointing at the template.
 */
export type CheckPathParams<Path extends string, P> = [
  Exclude<DeclaredPathKeys<P>, PathParamNames<Path>>,
] extends [never]
  ? unknown
  : {
      [K in Exclude<
        DeclaredPathKeys<P>,
        PathParamNames<Path>
      >]: `"${K & string}" is not a parameter of "${Path}"`;
    };
