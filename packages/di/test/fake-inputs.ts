// A stand-in for the umbrella's input compiler: markers that read a query dict, so the DI
// tests can exercise inputs, errors and async resolvers without any HTTP.
import type { Injectable, InputContext, InputResolver } from "../src/index";

export interface FakeCtx {
  query: Record<string, string | undefined>;
  /** Every input resolution, in order, as "owner:name" (owner "route" for the root). */
  log: string[];
}

export interface QueryMarker<T> extends Injectable<T> {
  readonly kind: "query";
  readonly required: boolean;
  readonly asNumber: boolean;
}

export function Query(options: { required: true; number: true }): QueryMarker<number>;
export function Query(options: { required: true }): QueryMarker<string>;
export function Query(options?: { required?: false }): QueryMarker<string | undefined>;
export function Query(
  options: { required?: boolean; number?: boolean } = {},
): QueryMarker<unknown> {
  return { kind: "query", required: options.required ?? false, asNumber: options.number ?? false };
}

export interface ValidationIssue {
  loc: [string, string];
  owner: string;
}

export function ctx(query: Record<string, string | undefined> = {}): FakeCtx {
  return { query, log: [] };
}

export interface Compiled {
  inputs: Record<string, unknown>;
  info: InputContext;
}

/** Builds a compileInputs; `calls` records every plan-time call; `async` makes resolvers async. */
export function fakeCompiler(options: { async?: boolean } = {}) {
  const calls: Compiled[] = [];
  const compileInputs = (
    inputs: Record<string, unknown>,
    info: InputContext,
  ): InputResolver<FakeCtx> => {
    calls.push({ inputs, info });
    const owner = info.owner === null ? "route" : info.owner.name;
    const entries = Object.entries(inputs) as [string, QueryMarker<unknown>][];
    const resolveSync = (c: FakeCtx, errors: unknown[]): Record<string, unknown> => {
      const values: Record<string, unknown> = {};
      for (const [name, marker] of entries) {
        c.log.push(`${owner}:${name}`);
        const raw = c.query[name];
        if (raw === undefined) {
          if (marker.required)
            errors.push({ loc: ["query", name], owner } satisfies ValidationIssue);
          else values[name] = undefined;
          continue;
        }
        if (marker.asNumber) {
          const n = Number(raw);
          if (Number.isNaN(n))
            errors.push({ loc: ["query", name], owner } satisfies ValidationIssue);
          else values[name] = n;
          continue;
        }
        values[name] = raw;
      }
      return values;
    };
    return options.async
      ? async (c, errors) => {
          await Promise.resolve();
          return resolveSync(c, errors);
        }
      : resolveSync;
  };
  return { compileInputs, calls };
}
