import type { SchemaView } from "../types";
import { type Check, compileCheck, compileTransform, type Transform } from "./actions";
import { hasIntegerAction, isWrapper, pipeRoot } from "./introspect";
import type { Node } from "./node";
import { intNode } from "./scalars";
import { INVALID } from "./state";
import type { Compile } from "./wrappers";

type Step = { readonly check: Check } | { readonly transform: Transform };

/**
 * v.pipe: the root schema (an integer-coercing node when the pipe has v.integer()), then each
 * item in order. Like pydantic, the first failed constraint ends the pipe: one error per
 * value, not one per constraint.
 */
export function pipeNode(s: SchemaView, compile: Compile, config: unknown): Node {
  const items = s.pipe ?? [];
  const root = items[0] as SchemaView;
  const rootNode =
    root.type === "number" && root.pipe === undefined && hasIntegerAction(s)
      ? intNode
      : compile(root);
  const steps: Step[] = [];
  for (const item of items.slice(1)) {
    if (item.kind === "schema") {
      const node = compile(item);
      steps.push({ transform: (value, st) => node(value, st) });
    } else if (item.kind === "validation") steps.push({ check: compileCheck(item, config) });
    else if (item.kind === "transformation")
      steps.push({ transform: compileTransform(item, config) });
  }
  // An absent optional/nullable value skips the constraints (valibot would hand them null).
  const skipNullish = isWrapper(pipeRoot(root));
  if (steps.length === 0) return rootNode;

  return (input, st) => {
    let value = rootNode(input, st);
    if (value === INVALID || (skipNullish && (value === null || value === undefined))) return value;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as Step;
      if ("check" in step) {
        if (!step.check(value, st, input)) return INVALID;
      } else {
        value = step.transform(value, st, input);
        if (value === INVALID) return INVALID;
      }
    }
    return value;
  };
}
