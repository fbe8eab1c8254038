import * as v from "valibot";
import { compileNode } from "../../src/core/compile";
import { absentPolicy, isWrapper, pipeRoot, view } from "../../src/core/introspect";
import { pushIssue } from "../../src/core/issue-map";
import type { Node } from "../../src/core/node";
import { createState, INVALID, type StateOptions } from "../../src/core/state";
import type { ErrorItem, Loc, SchemaView, ValibotIssue } from "../../src/types";

/** One engine's answer, reduced to what both engines promise: success, output, where it failed. */
export interface Answer {
  ok: boolean;
  output: unknown;
  /** Failure: `path type` per error, after the normalisations below. */
  errors: { path: Loc; type: string }[];
}

export interface CoreMode extends StateOptions {
  /** false: no string coercion anywhere (valibot's own rules). */
  lax: boolean;
}

/** Runs a compiled node as the entry points do (a fresh state at loc []). */
export function runNode(
  node: Node,
  input: unknown,
  mode: CoreMode,
): { out: unknown; errors: ErrorItem[] } {
  const st = createState([], mode);
  st.lax = mode.lax;
  const out = node(input, st);
  return { out: out === INVALID ? undefined : out, errors: out === INVALID ? st.errors : [] };
}

/**
 * Compiles as a runtime without `new Function` would (CSP, some edge hosts): code generation
 * throws there, and the object node must fall back to its loop. Takes a schema that was never
 * compiled (nodes are cached per schema object).
 */
export function compileWithoutCodegen(schema: SchemaView): { node: Node; attempts: number } {
  const original = globalThis.Function;
  let attempts = 0;
  globalThis.Function = function refused() {
    attempts++;
    throw new EvalError("Code generation from strings disallowed for this context");
  } as unknown as FunctionConstructor;
  try {
    return { node: compileNode(schema), attempts };
  } finally {
    globalThis.Function = original;
  }
}

export function coreAnswer(node: Node, schema: SchemaView, input: unknown, mode: CoreMode): Answer {
  const { out, errors } = runNode(node, input, mode);
  const ok = errors.length === 0;
  return {
    ok,
    output: ok ? withoutImplicitNulls(schema, input, out) : undefined,
    errors: errors.map((e) => normalise(schema, input, coreError(e))),
  };
}

export function valibotAnswer(schema: SchemaView, input: unknown): Answer {
  const result = v.safeParse(schema as never, input);
  if (result.success) return { ok: true, output: result.output, errors: [] };
  return {
    ok: false,
    output: undefined,
    errors: (result.issues as unknown as ValibotIssue[]).map((issue) =>
      normalise(schema, input, valibotError(issue)),
    ),
  };
}

const EXTRA_KEY = "<extra key>";

function coreError(e: ErrorItem): { path: Loc; type: string } {
  if (e.type === "union_tag_invalid" || e.type === "union_tag_not_found") {
    return { path: e.loc, type: "union_tag" };
  }
  if (e.type === "extra_forbidden")
    return { path: [...e.loc.slice(0, -1), EXTRA_KEY], type: e.type };
  return { path: e.loc, type: e.type };
}

/** A valibot issue through the core's own issue map (pydantic's types), then the differences. */
function valibotError(issue: ValibotIssue): { path: Loc; type: string } {
  const st = createState([]);
  pushIssue(st, issue);
  const mapped = st.errors[0] as ErrorItem;
  const path = mapped.loc;
  // The discriminator's issue (its `expected` lists the tags; "Object" is the variant's own).
  if (issue.type === "variant" && issue.expected !== "Object") {
    return { path: path.slice(0, -1), type: "union_tag" };
  }
  if (issue.type === "strict_tuple" && issue.expected === "never") {
    return { path: path.slice(0, -1), type: "too_long" };
  }
  if (mapped.type === "extra_forbidden") {
    return { path: [...path.slice(0, -1), EXTRA_KEY], type: mapped.type };
  }
  return { path, type: mapped.type };
}

/** Cuts a path at the first union on it: below a union the engines report differently. */
function normalise(schema: SchemaView, input: unknown, e: { path: Loc; type: string }) {
  const cut = unionDepth(schema, input, e.path, 0);
  return cut === undefined ? e : { path: e.path.slice(0, cut), type: "union" };
}

function unionDepth(schema: SchemaView, input: unknown, path: Loc, i: number): number | undefined {
  const s = pipeRoot(schema);
  if (s.type === "union") return i;
  if (isWrapper(s)) return unionDepth(s.wrapped as SchemaView, input, path, i);
  if (i >= path.length) return undefined;
  const key = path[i] as string | number;
  const child = childSchema(s, input, key);
  const value = typeof input === "object" && input !== null ? (input as never)[key] : undefined;
  return child === undefined ? undefined : unionDepth(child, value, path, i + 1);
}

/** The schema that validates `input[key]`, if there is one. */
function childSchema(s: SchemaView, input: unknown, key: string | number): SchemaView | undefined {
  switch (s.type) {
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest":
      return s.entries?.[key] ?? s.rest;
    case "variant": {
      const tag =
        typeof input === "object" && input !== null ? (input as never)[s.key as string] : undefined;
      const option = ((s.options ?? []) as SchemaView[]).find(
        (o) => (o.entries?.[s.key as string] as SchemaView | undefined)?.literal === tag,
      );
      return option === undefined ? undefined : childSchema(option, input, key);
    }
    case "array":
      return s.item;
    case "tuple":
    case "loose_tuple":
    case "strict_tuple":
    case "tuple_with_rest":
      return (s.items ?? [])[key as number] ?? s.rest;
    case "record":
      return s.value;
    default:
      return undefined;
  }
}

/**
 * The core's output without what it adds on purpose: `null` for a missing nullish entry, and
 * (a tuple never pads) trailing `undefined` items valibot writes for missing optional items.
 */
function withoutImplicitNulls(schema: SchemaView, input: unknown, out: unknown): unknown {
  const s = pipeRoot(schema);
  if (isWrapper(s)) return withoutImplicitNulls(s.wrapped as SchemaView, input, out);
  if (typeof out !== "object" || out === null || out instanceof Date) return out;
  if (s.type === "union") {
    // The option that produced `out`: the first that valibot accepts (the engines agree on it).
    const option = ((s.options ?? []) as SchemaView[]).find((o) => v.is(o as never, input));
    return option === undefined ? out : withoutImplicitNulls(option, input, out);
  }
  const source = (input ?? {}) as Record<string | number, unknown>;
  if (Array.isArray(out)) {
    return out.map((item, i) => {
      const child = childSchema(s, input, i);
      return child === undefined ? item : withoutImplicitNulls(child, source[i], item);
    });
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(out)) {
    const child = childSchema(s, input, key);
    if (child === undefined) copy[key] = value;
    else if (value === null && source[key] === undefined && isNullWhenMissing(s, child)) continue;
    else copy[key] = withoutImplicitNulls(child, source[key], value);
  }
  return copy;
}

function isNullWhenMissing(parent: SchemaView, child: SchemaView): boolean {
  if (parent.type === "record" || parent.type === "array") return false;
  const policy = absentPolicy(child);
  return policy.kind === "value" && policy.value === null;
}

/** valibot pads a tuple with `undefined` for missing optional items; the core does not. */
export function withoutTrailingUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withoutTrailingUndefined);
    while (items.length > 0 && items[items.length - 1] === undefined) items.pop();
    return items;
  }
  if (typeof value !== "object" || value === null || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, withoutTrailingUndefined(item)]),
  );
}

export { compileNode, view };
