import { msg } from "../errors/messages";
import type { SchemaView } from "../types";
import { absentPolicy } from "./introspect";
import type { Node } from "./node";
import { isObjectInput, setKey } from "./objects";
import { fail, INVALID } from "./state";
import type { Compile } from "./wrappers";

/** v.array: a new array; a bad item is reported at its index. */
export function arrayNode(s: SchemaView, compile: Compile): Node {
  const item = compile(s.item as SchemaView);
  return (input, st) => {
    if (!Array.isArray(input)) return fail(st, "list_type", msg.listType, input);
    const out: unknown[] = [];
    let ok = true;
    const path = st.path;
    const slot = path.length;
    path.push(0);
    for (let i = 0; i < input.length; i++) {
      path[slot] = i;
      const r = item(input[i], st);
      if (r === INVALID) ok = false;
      else out.push(r);
    }
    path.pop();
    return ok ? out : INVALID;
  };
}

/** tuple (extra items dropped), loose_tuple (kept), strict_tuple (rejected), tuple_with_rest. */
export function tupleNode(s: SchemaView, compile: Compile): Node {
  const items = (s.items ?? []).map((item) => ({
    node: compile(item),
    policy: absentPolicy(item),
  }));
  const rest = s.type === "tuple_with_rest" ? compile(s.rest as SchemaView) : undefined;
  return (input, st) => {
    if (!Array.isArray(input)) return fail(st, "tuple_type", msg.tupleType, input);
    const out: unknown[] = [];
    let ok = true;
    for (let i = 0; i < items.length; i++) {
      const { node, policy } = items[i] as (typeof items)[number];
      // A missing item with a default or fallback takes it, as an object's missing key does.
      if (i >= input.length && policy.kind !== "default" && policy.kind !== "fallback") {
        if (policy.kind === "required") {
          fail(st, "missing", msg.missing, input, undefined, i);
          ok = false;
        }
        continue;
      }
      st.path.push(i);
      const r = node(input[i], st);
      st.path.pop();
      if (r === INVALID) ok = false;
      else out.push(r);
    }
    for (let i = items.length; i < input.length; i++) {
      if (s.type === "loose_tuple") out.push(input[i]);
      else if (s.type === "strict_tuple") {
        const n = items.length;
        fail(
          st,
          "too_long",
          `Tuple should have at most ${n} item${n === 1 ? "" : "s"} after validation, not ${input.length}`,
          input,
          { field_type: "Tuple", max_length: n, actual_length: input.length },
        );
        return INVALID;
      } else if (rest !== undefined) {
        st.path.push(i);
        const r = rest(input[i], st);
        st.path.pop();
        if (r === INVALID) ok = false;
        else out.push(r);
      }
    }
    return ok ? out : INVALID;
  };
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * v.record: keys coerced by the key schema (`dict[int, float]` takes `"1"`), then values.
 * A bad key is reported at `[..., key, "[key]"]` and a bad value at `[..., key]`, as pydantic
 * does; a key's output is written back as a string (a JSON object's keys are).
 */
export function recordNode(s: SchemaView, compile: Compile): Node {
  const keyNode = compile(s.key as SchemaView);
  const valueNode = compile(s.value as SchemaView);
  return (input, st) => {
    if (!isObjectInput(input)) return fail(st, "dict_type", msg.dictType, input);
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const key in input) {
      if (!hasOwn.call(input, key)) continue;
      st.path.push(key, "[key]");
      const k = keyNode(key, st);
      st.path.pop();
      const r = k === INVALID ? INVALID : valueNode(input[key], st);
      st.path.pop();
      if (k === INVALID || r === INVALID) ok = false;
      else if (!(st.excludeNone && (r === null || r === undefined))) {
        const outKey = String(k);
        setKey(out, outKey, r, outKey === "__proto__");
      }
    }
    return ok ? out : INVALID;
  };
}
