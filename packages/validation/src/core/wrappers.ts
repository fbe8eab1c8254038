import { getDefault, getFallback } from "valibot";
import { msg } from "../errors/messages";
import type { SchemaView } from "../types";
import { pushIssue } from "./issue-map";
import type { Node } from "./node";
import { fail, INVALID, MAX_DEPTH } from "./state";

export type Compile = (schema: SchemaView) => Node;

const defaultOf = (s: SchemaView) => getDefault(s as never);

/** optional / exact_optional / undefinedable / nullable / nullish / non_* wrappers. */
export function wrapperNode(s: SchemaView, compile: Compile): Node {
  const inner = compile(s.wrapped as SchemaView);
  const hasDefault = s.default !== undefined;
  switch (s.type) {
    case "optional":
    case "undefinedable":
      return (input, st) => {
        if (input !== undefined) return inner(input, st);
        if (!hasDefault) return undefined;
        const value = defaultOf(s);
        return value === undefined ? undefined : inner(value, st);
      };
    case "nullable":
      return (input, st) => {
        if (input !== null) return inner(input, st);
        if (!hasDefault) return null;
        const value = defaultOf(s);
        return value === null ? null : inner(value, st);
      };
    case "nullish":
      return (input, st) => {
        if (input !== null && input !== undefined) return inner(input, st);
        if (!hasDefault) return input;
        const value = defaultOf(s);
        return value === null || value === undefined ? value : inner(value, st);
      };
    case "non_optional":
      return (input, st) =>
        input === undefined ? fail(st, "missing", msg.missing, null) : inner(input, st);
    case "non_nullable":
      return (input, st) =>
        input === null
          ? fail(st, "non_nullable", "Input should not be None", input)
          : inner(input, st);
    case "non_nullish":
      return (input, st) =>
        input === undefined
          ? fail(st, "missing", msg.missing, null)
          : input === null
            ? fail(st, "non_nullable", "Input should not be None", input)
            : inner(input, st);
    default:
      // exact_optional: only a missing object key may be absent; objects handle that.
      return inner;
  }
}

/** v.fallback: the schema's errors are dropped and the fallback value is used instead. */
export function fallbackNode(s: SchemaView, compile: Compile, config: unknown): Node {
  const { fallback: _fallback, ...rest } = s;
  const inner = compile(rest as SchemaView);
  // valibot keeps the wrapped schema only in a closure: `rest` still carries the fallback's own
  // ~run, which with the fallback stripped answers `undefined` for any invalid input. A kind
  // without a node of its own therefore runs through valibot whole, fallback included.
  if (delegated.has(inner)) return valibotNode(s, config);
  return (input, st) => {
    const mark = st.errors.length;
    const out = inner(input, st);
    if (out !== INVALID) return out;
    st.errors.length = mark;
    return getFallback(s as never, { typed: false, value: input } as never, config as never);
  };
}

/** v.lazy: the getter runs per value (it may depend on it); nodes are compiled once each. */
export function lazyNode(s: SchemaView, compile: Compile): Node {
  const getter = s.getter as (input: unknown) => unknown;
  let lastSchema: unknown;
  let lastNode: Node | undefined;
  return (input, st) => {
    const schema = getter(input);
    if (schema !== lastSchema || lastNode === undefined) {
      lastNode = compile(schema as SchemaView);
      lastSchema = schema;
    }
    if (st.depth >= MAX_DEPTH) return fail(st, "recursion_loop", msg.tooDeep, input);
    st.depth++;
    const out = lastNode(input, st);
    st.depth--;
    return out;
  };
}

/** Nodes made by valibotNode: they run the schema's own ~run. */
const delegated = new WeakSet<Node>();

/** Any schema this package has no native node for runs through valibot itself. */
export function valibotNode(s: SchemaView, config: unknown): Node {
  const node: Node = (input, st) => {
    const ds = s["~run"]({ value: input }, config);
    if (ds.issues === undefined) return ds.value;
    for (const issue of ds.issues) pushIssue(st, issue, s);
    return INVALID;
  };
  delegated.add(node);
  return node;
}
