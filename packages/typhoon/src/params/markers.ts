import type { Injectable } from "@typhoon/di";
import type { GenericSchema, InferOutput } from "valibot";
import * as v from "valibot";
import type { UploadFile } from "../forms/upload-file";

/** Where a parameter's value comes from. */
export type ParamSource = "path" | "query" | "header" | "cookie" | "body" | "form" | "file";

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

export interface FileOptions extends ParamOptions {
  /** Every file sent under the name, in upload order (at least one unless `required: false`). */
  many?: boolean;
  /** False: absent is `undefined` (or `[]` with `many`) instead of a 422. Default true. */
  required?: boolean;
  /**
   * Inject the file's content as a `Uint8Array` (FastAPI's `file: bytes = File()`) instead of
   * an `UploadFile`: simplest for small files, as the whole content is read into memory.
   */
  bytes?: boolean;
}

/** Everything a marker may carry, whatever its source. */
export type MarkerOptions = HeaderOptions & BodyOptions & FileOptions;

/** A declared input of a route or dependency: a schema plus where to read it from. */
export interface ParamMarker<
  S extends GenericSchema = GenericSchema,
  Src extends ParamSource = ParamSource,
> extends Injectable<InferOutput<S>> {
  readonly kind: "param";
  readonly source: Src;
  readonly schema: S;
  readonly options: Readonly<MarkerOptions>;
}

function marker<S extends GenericSchema, Src extends ParamSource>(
  source: Src,
  schema: S,
  options: MarkerOptions = {},
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

/** A form field (urlencoded or multipart); an object schema reads one field per entry. Empty strings count as absent. */
export const Form = <S extends GenericSchema>(schema: S, options?: ParamOptions) =>
  marker("form", schema, options);

/**
 * An uploaded file of a multipart body, as an `UploadFile`, or its content as a `Uint8Array`
 * with `bytes: true`.
 */
export function File(options: FileOptions & { bytes: true; many: true }): FileMarker<Uint8Array[]>;
export function File(
  options: FileOptions & { bytes: true; many?: false; required: false },
): FileMarker<Uint8Array | undefined>;
export function File(
  options: FileOptions & { bytes: true; many?: false; required?: true },
): FileMarker<Uint8Array>;
export function File(
  options?: FileOptions & { bytes?: false; many?: false; required?: true },
): FileMarker<UploadFile>;
export function File(
  options: FileOptions & { bytes?: false; many?: false; required: false },
): FileMarker<UploadFile | undefined>;
export function File(
  options: FileOptions & { bytes?: false; many: true },
): FileMarker<UploadFile[]>;
export function File(options: FileOptions = {}): FileMarker<unknown> {
  return marker("file", ANY_FILE, options) as unknown as FileMarker<unknown>;
}

/** A `File()` marker: what it injects is an UploadFile or its bytes (or a list of them). */
export interface FileMarker<T>
  extends Omit<ParamMarker<GenericSchema, "file">, "~output">,
    Injectable<T> {}

// File parts carry no schema of their own; the docs builder documents them as binary.
const ANY_FILE = v.any();

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
