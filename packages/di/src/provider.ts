import { DependencyPlanError } from "./errors";
import type { InferParams, Unwrap } from "./types";

/** How a provider produces its value; decided once from the function itself, never from its source text. */
export type ProviderKind = "sync" | "async" | "generator" | "async-generator";

/**
 * A dependency: a function plus the `params` object it declares (the same shape as a route's).
 * Identity matters: the per-request cache and the overrides are keyed on the Provider object.
 */
export interface Provider<T = unknown, P = any> {
  readonly params: P;
  readonly fn: (args: any) => any;
  readonly name: string;
  readonly kind: ProviderKind;
  /** Phantom: the injected type. Never present at runtime. */
  readonly "~provides"?: { readonly type: T };
}

export interface DependencyOptions {
  /** Name used in error messages (cycles, generator misuse). Defaults to the function's name. */
  name?: string;
}

const AsyncFunction = (async () => {}).constructor;
const GeneratorFunction = function* () {}.constructor;
const AsyncGeneratorFunction = async function* () {}.constructor;

/** Reads the function's kind from its prototype chain (survives minifiers, unlike `fn.toString()`). */
export function providerKind(fn: Function): ProviderKind {
  if (fn instanceof AsyncGeneratorFunction) return "async-generator";
  if (fn instanceof GeneratorFunction) return "generator";
  if (fn instanceof AsyncFunction) return "async";
  return "sync";
}

const NO_PARAMS: Readonly<Record<string, never>> = Object.freeze({});

/** Declares a provider with no inputs. */
export function dependency<R>(fn: () => R, options?: DependencyOptions): Provider<Unwrap<R>, {}>;
/** Declares a provider whose inputs are declared by `params` (Depends markers and the umbrella's markers). */
export function dependency<P extends Record<string, unknown>, R>(
  params: P,
  fn: (args: InferParams<P>) => R,
  options?: DependencyOptions,
): Provider<Unwrap<R>, P>;
export function dependency(
  paramsOrFn: unknown,
  fnOrOptions?: unknown,
  maybeOptions?: DependencyOptions,
): Provider {
  if (typeof paramsOrFn === "function") {
    return makeProvider(NO_PARAMS, paramsOrFn, fnOrOptions as DependencyOptions | undefined);
  }
  if (!isParamsObject(paramsOrFn)) {
    throw new DependencyPlanError(
      "DI_INVALID_PARAMS",
      `dependency(params, fn): params must be a plain object, got ${describe(paramsOrFn)}`,
    );
  }
  if (typeof fnOrOptions !== "function") {
    throw new DependencyPlanError(
      "DI_INVALID_PROVIDER",
      `dependency(params, fn): fn must be a function, got ${describe(fnOrOptions)}`,
    );
  }
  return makeProvider(paramsOrFn, fnOrOptions, maybeOptions);
}

function makeProvider(
  params: object,
  fn: Function,
  options: DependencyOptions | undefined,
): Provider {
  return {
    params,
    fn: fn as (args: any) => any,
    name: options?.name ?? (fn.name || "anonymous"),
    kind: providerKind(fn),
  };
}

// Plain functions given to Depends() or to the overrides get one Provider each, so identity
// (and therefore caching and overriding) follows the function, however often it is wrapped.
const wrapped = new WeakMap<Function, Provider>();

/** The Provider for a Provider (itself) or a plain function (a params-less provider, created once). */
export function toProvider(value: Provider | Function): Provider {
  if (typeof value !== "function") return value;
  let provider = wrapped.get(value);
  if (provider === undefined) {
    provider = makeProvider(NO_PARAMS, value, undefined);
    wrapped.set(value, provider);
  }
  return provider;
}

/** Structural check, so providers built by another copy of this package (or spread copies) still count. */
export function isProvider(value: unknown): value is Provider {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Provider>;
  return typeof candidate.fn === "function" && isParamsObject(candidate.params);
}

export function isParamsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Short description of a bad value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return String(value);
}
