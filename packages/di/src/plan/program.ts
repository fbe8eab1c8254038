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
