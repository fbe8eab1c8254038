import { getDefault, getFallback } from "valibot";
import { msg } from "../errors/messages";
import type { AbsentPolicy } from "./introspect";
import type { Node } from "./node";
import { fail, type RunState } from "./state";

/**
 * The value of an absent parameter or body: `missing` when required (input `null`, as FastAPI
 * reports it), else its default (validated by the schema, as valibot does), fallback, or
 * `undefined`/`null`.
 */
export function resolveAbsent(policy: AbsentPolicy, node: Node, st: RunState): unknown {
  switch (policy.kind) {
    case "required":
      return fail(st, "missing", msg.missing, null);
    case "value":
      return policy.value;
    case "fallback":
      return getFallback(policy.holder as never);
    default: {
      const value = getDefault(policy.holder as never);
      return value === undefined ? undefined : node(value, st);
    }
  }
}
