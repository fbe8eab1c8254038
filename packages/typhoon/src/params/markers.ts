import type { Injectable } from "@typhoon/di";
import type { GenericSchema, InferOutput } from "valibot";

/** Where a parameter's value comes from. */
export type ParamSource = "path" | "query" | "header" | "cookie" | "body";

/** Options every parameter marker accepts; most of them feed the OpenAPI document. */
export interface ParamOptions {
  /** The name on the wire when it differs from the handler's key (`item-query`). */
  alias?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
  deprecated?: boolean;
  /** False keeps the parameter out of the OpenAPI document. */
  includeInSchema?: boolean;
}

export interface HeaderOptions extends ParamOptions {
  /** `user_agent` reads `User-Agent` (default true), as FastAPI's `convert_underscores`. */
  convertUnderscores?: boolean;
}

export interface BodyOptions extends ParamOptions {
  /** Expect `{ "<name>": value }` instead of the bare value (FastAPI's `embed=True`). */
  embed?: boolean;
  /** Media type documented for the request body (default `application/json`). */
  mediaType?: string;
}

/** A declared input of a route or dependency: a schema plus where to read it from. */
export interface ParamMarker<
  S extends GenericSchema = GenericSchema,
  Src extends ParamSource = ParamSource,
> extends Injectable<InferOutput<S>> {
  readonly kind: "param";
  readonly source: Src;
  readonly schema: S;
  readonly options: Readonly<HeaderOptions & BodyOptions>;
}

function marker<S extends GenericSchema, Src extends ParamSource>(
  source: Src,
  schema: S,
  options: HeaderOptions & BodyOptions = {},
): ParamMarker<S, Src> {
  return Object.freeze({ kind: "param", source, schema, options: Object.freeze({ ...options }) });
}

/** A path parameter: `{item_id}` in the route's template. */
export const Path = <S extends GenericSchema>(schema: S, options?: ParamOptions) =>
  marker("path", schema, options);
/** A query parameter; an array schema collects repeated keys (`?tag=a&tag=b`). */
export const Query = <S extends GenericSchema>(schema: S, options?: ParamOptions) =>
  marker("query", schema, options);
/** A request header; the key's underscores become hyphens unless `convertUnderscores: false`. */
export const Header = <S extends GenericSchema>(schema: S, options?: HeaderOptions) =>
  marker("header", schema, options);
/** A cookie sent by the client. */
export const Cookie = <S extends GenericSchema>(schema: S, options?: ParamOptions) =>
  marker("cookie", schema, options);
/** The JSON body, or one key of it when embedded or when a route declares several bodies. */
export const Body = <S extends GenericSchema>(schema: S, options?: BodyOptions) =>
  marker("body", schema, options);

export function isParamMarker(value: unknown): value is ParamMarker {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "param"
  );
}

/** True for a valibot schema given bare in `params` (FastAPI's rule decides where it is read from). */
export function isSchema(value: unknown): value is GenericSchema {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "schema"
  );
}
