/**
 * Phantom type carrier every injectable (ours and the umbrella's markers) may implement.
 * The output type is wrapped in `{ type }` on purpose: with an optional `"~output"?: T`,
 * TypeScript (without exactOptionalPropertyTypes) cannot tell `T` from `T | undefined`,
 * so an optional query param would lose its `undefined`. The property never exists at runtime.
 */
export interface Injectable<T> {
  readonly "~output"?: { readonly type: T };
}

/** Minimal Standard Schema shape (valibot, zod, arktype ...): only the phantom output type. */
export interface StandardSchemaLike<Output = unknown> {
  readonly "~standard": { readonly types?: { readonly output: Output } | undefined };
}

/** The value one `params` entry injects: an Injectable's phantom type, a Standard Schema's output, else unknown. */
export type InferParam<V> = "~output" extends keyof V
  ? V extends { readonly "~output"?: { readonly type: infer O } }
    ? O
    : unknown
  : V extends { readonly "~standard": { readonly types?: infer Types } }
    ? NonNullable<Types> extends { readonly output: infer O }
      ? O
      : unknown
    : unknown;

/**
 * Handler/provider argument type inferred from a params object: Depends markers give the
 * provider's resolved value; objects with `"~output"` give that type; Standard Schema objects
 * (valibot: `"~standard".types.output`) give their output type.
 */
export type InferParams<P> = { [K in keyof P]: InferParam<P[K]> };

/** The value a provider function injects: the awaited result, or the value a generator yields. */
export type Unwrap<R> =
  R extends AsyncGenerator<infer Y, any, any>
    ? Y
    : R extends Generator<infer Y, any, any>
      ? Y
      : Awaited<R>;

/** Per-request cleanup registered on a CleanupStack: receives the error the request ended with, if any. */
export type Cleanup = (error?: unknown) => void | Promise<void>;
