import { DependencyPlanError } from "../errors";
import type { CompiledNode, CompiledUse, Graph } from "./graph";

// The graph is flattened at plan time into a linear program of steps, in resolution order,
// so a request runs one loop over an array instead of recursing through the tree. Each use of
// a provider expands its subtree inline (as FastAPI's dependant tree does); the per-request
// cache turns a repeated subtree into a jump.

export const BEGIN = 0;
export const END = 1;
export const ROOT = 2;

/** Start of a use: jump past it if its value is cached, else remember how many errors there were. */
export interface BeginStep {
  readonly op: typeof BEGIN;
  readonly cached: boolean;
  readonly cacheSlot: number;
  readonly markSlot: number;
  /** Index of the matching END step. */
  endIndex: number;
}

/** A value some step reads: the param name and the slot holding it. */
export interface ArgSlot {
  readonly name: string;
  readonly slot: number;
}

/** End of a use: inputs, then (if no new errors) the provider call. */
export interface EndStep<Ctx> {
  readonly op: typeof END;
  readonly node: CompiledNode<Ctx>;
  readonly markSlot: number;
  readonly valueSlot: number;
  readonly cacheSlot: number;
  readonly args: readonly ArgSlot[];
  /** A generator's cleanup goes on the function-scope stack (closed when the handler returns). */
  readonly functionScope: boolean;
}

/** The route's own inputs, resolved last, and the assembly of its values. */
export interface RootStep<Ctx> {
  readonly op: typeof ROOT;
  readonly node: CompiledNode<Ctx>;
  readonly args: readonly ArgSlot[];
}

export type Step<Ctx> = BeginStep | EndStep<Ctx> | RootStep<Ctx>;

export interface Program<Ctx> {
  readonly steps: readonly Step<Ctx>[];
  /** Length of the per-request slot array: cache slots first, then marks and uncached values. */
  readonly slotCount: number;
}

export function compileProgram<Ctx>(graph: Graph<Ctx>): Program<Ctx> {
  const steps: Step<Ctx>[] = [];
  let nextSlot = graph.cacheSlotCount;
  // The scope of each generator's first use (which fills the request's cache): a shared instance
  // has one cleanup time.
  const scopeOfCached = new Map<number, { scope: string; name: string | null }>();

  const emitUse = (use: CompiledUse<Ctx>): number => {
    const node = use.node;
    const markSlot = nextSlot++;
    const valueSlot = use.cache ? node.cacheSlot : nextSlot++;
    const begin: BeginStep = {
      op: BEGIN,
      cached: use.cache,
      cacheSlot: node.cacheSlot,
      markSlot,
      endIndex: -1,
    };
    steps.push(begin);
    const args = emitChildren(node);
    begin.endIndex = steps.length;
    const functionScope = use.marker.scope === "function";
    if (node.kind === "generator" || node.kind === "async-generator") {
      checkOneScope(scopeOfCached, node.cacheSlot, functionScope ? "function" : "request", use);
    }
    steps.push({
      op: END,
      node,
      markSlot,
      valueSlot,
      cacheSlot: node.cacheSlot,
      args,
      functionScope,
    });
    return valueSlot;
  };

  const emitChildren = (node: CompiledNode<Ctx>): ArgSlot[] => {
    const args: ArgSlot[] = [];
    for (const use of node.uses) {
      const slot = emitUse(use);
      // `before` markers (no name) run for their effect only.
      if (use.name !== null) args.push({ name: use.name, slot });
    }
    return args;
  };

  const rootArgs = emitChildren(graph.root);
  steps.push({ op: ROOT, node: graph.root, args: rootArgs });
  return { steps, slotCount: nextSlot };
}

/**
 * One request shares one instance of a generator dependency between its cached uses (and the
 * first use, which fills the cache), so they must agree on when it is cleaned up: with
 * "function" in one place and "request" in another, whichever use ran first would decide
 * silently (a commit before or after the response). Uses with `cache: false` after the first
 * get their own instance and may pick either scope.
 */
function checkOneScope<Ctx>(
  seen: Map<number, { scope: string; name: string | null }>,
  slot: number,
  scope: string,
  use: CompiledUse<Ctx>,
): void {
  const first = seen.get(slot);
  if (first === undefined) {
    seen.set(slot, { scope, name: use.name });
    return;
  }
  if (!use.cache || first.scope === scope) return;
  const provider = use.node.name;
  throw new DependencyPlanError(
    "DI_INVALID_PARAMS",
    `${provider} is used with scope "${first.scope}" (${first.name ?? "a dependency"}) and "${scope}" (${use.name ?? "a dependency"}) in one request: it is shared, so it can only be cleaned up once. Use one scope everywhere (e.g. one Depends marker reused), or cache: false for a separate instance.`,
  );
}
