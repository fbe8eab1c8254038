import { DependencyPlanError } from "./errors";
import { describe, type Provider, toProvider } from "./provider";
import type { Injectable, Unwrap } from "./types";

/** The one params entry DI interprets itself: "inject the value of this provider". */
export interface DependsMarker<T> extends Injectable<T> {
  readonly kind: "depends";
  readonly provider: Provider<T>;
  /** False: evaluate again for this use instead of reusing the request's cached value. */
  readonly cache: boolean;
  /** OAuth2 scopes this use adds for the provider's subtree (only `Security()` sets them). */
  readonly scopes: readonly string[];
  /** When a generator provider's cleanup runs: after the response (`"request"`) or as soon as the handler returns (`"function"`). */
  readonly scope: DependencyScope;
}

/** FastAPI's `Depends(scope=...)`: when the code after `yield` runs. */
export type DependencyScope = "request" | "function";

export interface DependsOptions {
  /** Reuse the value computed earlier in the same request (default true). */
  cache?: boolean;
  /**
   * `"request"` (default): a generator's cleanup runs after the response is sent.
   * `"function"`: it runs as soon as the handler returns, before the response — e.g. a
   * database session that must commit before the client sees the 201.
   */
  scope?: DependencyScope;
}

export interface SecurityOptions extends DependsOptions {
  /** Scopes required by this use; gathered from the root down into `SecurityScopes`. */
  scopes?: readonly string[];
}

const NO_SCOPES: readonly string[] = Object.freeze([]);

/** Injects the value of `provider` (a Provider, or a plain function taking no params). */
export function Depends<T>(provider: Provider<T>, options?: DependsOptions): DependsMarker<T>;
export function Depends<R>(fn: () => R, options?: DependsOptions): DependsMarker<Unwrap<R>>;
export function Depends(provider: unknown, options?: DependsOptions): DependsMarker<unknown> {
  return makeMarker(provider, options?.cache ?? true, NO_SCOPES, scopeOf(options));
}

/** FastAPI's `Security`: like Depends, and adds OAuth2 scopes for the provider's subtree. */
export function Security<T>(provider: Provider<T>, options?: SecurityOptions): DependsMarker<T>;
export function Security<R>(fn: () => R, options?: SecurityOptions): DependsMarker<Unwrap<R>>;
export function Security(provider: unknown, options?: SecurityOptions): DependsMarker<unknown> {
  const scopes = options?.scopes ?? NO_SCOPES;
  if (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== "string")) {
    throw new DependencyPlanError(
      "DI_INVALID_PARAMS",
      `Security(): scopes must be an array of strings, got ${describe(scopes)}`,
    );
  }
  return makeMarker(provider, options?.cache ?? true, Object.freeze([...scopes]), scopeOf(options));
}

function scopeOf(options: DependsOptions | undefined): DependencyScope {
  const scope = options?.scope ?? "request";
  if (scope !== "request" && scope !== "function") {
    throw new DependencyPlanError(
      "DI_INVALID_PARAMS",
      `Depends(): scope must be "request" or "function", got ${describe(scope)}`,
    );
  }
  return scope;
}

function makeMarker(
  provider: unknown,
  cache: boolean,
  scopes: readonly string[],
  scope: DependencyScope,
): DependsMarker<unknown> {
  // A non-provider is kept as is: plan() reports it with the chain that leads to it.
  const normalized = typeof provider === "function" ? toProvider(provider) : provider;
  return Object.freeze({
    kind: "depends",
    provider: normalized as Provider,
    cache: cache !== false,
    scopes,
    scope,
  });
}

/** True for markers made by Depends()/Security() (structural, so another copy of this package counts). */
export function isDependsMarker(value: unknown): value is DependsMarker<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "depends" &&
    "provider" in value
  );
}
