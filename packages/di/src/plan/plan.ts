import type { CleanupStack } from "../cleanup-stack";
import { isThenable } from "../cleanup-stack";
import { providerKind } from "../provider";
import { execute, RunState } from "./execute";
import { buildGraph, type CompiledNode } from "./graph";
import { compileProgram } from "./program";
import type { Plan, PlanOptions } from "./types";

/**
 * Plans the dependency graph of one params object (a route's) once, at startup: checks it
 * (cycles, non-providers, bad params), compiles every node's inputs through
 * `options.compileInputs`, and returns a Plan whose `run()` resolves one request.
 */
export function plan<Ctx>(params: Record<string, unknown>, options: PlanOptions<Ctx>): Plan<Ctx> {
  const overrides = options.overrides;
  const overridesVersion = overrides === undefined ? -1 : overrides.version;
  const graph = buildGraph(params, options);
  const program = compileProgram(graph);
  const isSync = graph.nodes.every(isSyncNode);
  const root = graph.root;

  let run: Plan<Ctx>["run"];
  if (program.steps.length === 1 && root.securityScopes === null) {
    // No dependency at all: the route's inputs are the whole answer.
    const resolve = root.resolveInputs;
    run = resolve === null ? () => ({}) : (ctx, _stack, errors) => resolve(ctx, errors);
    if (!isSync) run = toAlwaysAsync(run);
  } else {
    run = (ctx, stack, errors) => {
      const state = new RunState(ctx, stack, errors, program.slotCount);
      const pending = execute(program, state, 0);
      if (pending === undefined) return state.result!;
      return pending.then(() => state.result!);
    };
    if (!isSync) run = toAlwaysAsync(run);
  }

  return {
    run,
    isSync,
    needsCleanup: graph.nodes.some(
      (node) => node.kind === "generator" || node.kind === "async-generator",
    ),
    providers: Object.freeze(graph.providers),
    nodes: Object.freeze(graph.nodes.map((node) => node.info)),
    root: root.info,
    overridesVersion,
    isStale: () => overrides !== undefined && overrides.version !== overridesVersion,
  };
}

function isSyncNode<Ctx>(node: CompiledNode<Ctx>): boolean {
  if (node.kind === "async" || node.kind === "async-generator") return false;
  return node.resolveInputs === null || providerKind(node.resolveInputs) === "sync";
}

/** For plans that are not sync: one calling convention, a Promise, whatever happens. */
function toAlwaysAsync<Ctx>(run: Plan<Ctx>["run"]): Plan<Ctx>["run"] {
  return (ctx: Ctx, stack: CleanupStack, errors: unknown[]) => {
    try {
      const result = run(ctx, stack, errors);
      return isThenable(result) ? result : Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
