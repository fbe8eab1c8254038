import type { CleanupStack } from "../cleanup-stack";
import { isThenable } from "../cleanup-stack";
import {
  AsyncGeneratorExit,
  GeneratorExit,
  startAsyncGenerator,
  startGenerator,
} from "../generator";
import type { CompiledNode } from "./graph";
import { type ArgSlot, BEGIN, END, type EndStep, type Program, type RootStep } from "./program";

/** Marks a slot with no value yet (a cache miss, or a provider skipped because of errors). */
const UNSET: unique symbol = Symbol("unset");

/** Everything one request's resolution needs; one object plus one array per request. */
export class RunState<Ctx> {
  readonly ctx: Ctx;
  readonly stack: CleanupStack;
  readonly errors: unknown[];
  readonly slots: unknown[];
  result: Record<string, unknown> | undefined = undefined;

  constructor(ctx: Ctx, stack: CleanupStack, errors: unknown[], slotCount: number) {
    this.ctx = ctx;
    this.stack = stack;
    this.errors = errors;
    this.slots = new Array<unknown>(slotCount).fill(UNSET);
  }
}

/**
 * Runs the program from step `from`. Synchronous as long as every step is; at the first
 * promise it returns one that continues from the next step, so a sync graph allocates none.
 */
export function execute<Ctx>(
  program: Program<Ctx>,
  state: RunState<Ctx>,
  from: number,
): void | Promise<void> {
  const steps = program.steps;
  const slots = state.slots;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.op === BEGIN) {
      if (step.cached && slots[step.cacheSlot] !== UNSET) i = step.endIndex;
      else slots[step.markSlot] = state.errors.length;
      continue;
    }
    const pending = step.op === END ? finishUse(step, state) : finishRoot(step, state);
    if (pending !== undefined) {
      const next = i + 1;
      return pending.then(() => execute(program, state, next));
    }
  }
}

function finishUse<Ctx>(step: EndStep<Ctx>, state: RunState<Ctx>): void | Promise<void> {
  const inputs = resolveInputs(step.node, state);
  if (isThenable(inputs)) {
    return Promise.resolve(inputs).then((values) => callProvider(step, state, values));
  }
  return callProvider(step, state, inputs);
}

function finishRoot<Ctx>(step: RootStep<Ctx>, state: RunState<Ctx>): void | Promise<void> {
  const inputs = resolveInputs(step.node, state);
  if (isThenable(inputs)) {
    return Promise.resolve(inputs).then((values) => {
      state.result = assembleArgs(step.node, step.args, state, values);
    });
  }
  state.result = assembleArgs(step.node, step.args, state, inputs);
}

function resolveInputs<Ctx>(
  node: CompiledNode<Ctx>,
  state: RunState<Ctx>,
): Record<string, unknown> | undefined | Promise<Record<string, unknown>> {
  const resolve = node.resolveInputs;
  return resolve === null ? undefined : resolve(state.ctx, state.errors);
}

/** The provider's argument: the inputs' object (owned by DI) plus dependency values and scopes. */
function assembleArgs<Ctx>(
  node: CompiledNode<Ctx>,
  args: readonly ArgSlot[],
  state: RunState<Ctx>,
  inputs: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const values = inputs ?? {};
  const slots = state.slots;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = slots[arg.slot];
    // Only the root can see an unset value (when errors were collected); it is then left out.
    if (value !== UNSET) values[arg.name] = value;
  }
  const scopes = node.securityScopes;
  if (scopes !== null) for (const name of node.info.securityScopesParams) values[name] = scopes;
  return values;
}

function callProvider<Ctx>(
  step: EndStep<Ctx>,
  state: RunState<Ctx>,
  inputs: Record<string, unknown> | undefined,
): void | Promise<void> {
  // New errors below this use (sub-dependencies or own inputs): do not call the provider.
  if (state.errors.length > (state.slots[step.markSlot] as number)) return;
  const node = step.node;
  const args = assembleArgs(node, step.args, state, inputs);
  const fn = node.fn!;
  switch (node.kind) {
    case "sync": {
      const value = fn(args);
      // A plain function may still return a promise (`() => fetch(...)`): await it then.
      if (isThenable(value))
        return Promise.resolve(value).then((resolved) => store(step, state, resolved));
      store(step, state, value);
      return;
    }
    case "async":
      return (fn(args) as Promise<unknown>).then((value) => store(step, state, value));
    case "generator": {
      const gen = fn(args) as Generator;
      const value = startGenerator(gen, node.name);
      (step.functionScope ? state.stack.functionScope : state.stack).pushExit(
        new GeneratorExit(gen, node.name),
      );
      store(step, state, value);
      return;
    }
    case "async-generator": {
      const gen = fn(args) as AsyncGenerator;
      return startAsyncGenerator(gen, node.name).then((value) => {
        (step.functionScope ? state.stack.functionScope : state.stack).pushExit(
          new AsyncGeneratorExit(gen, node.name),
        );
        store(step, state, value);
      });
    }
  }
}

function store<Ctx>(step: EndStep<Ctx>, state: RunState<Ctx>, value: unknown): void {
  const slots = state.slots;
  slots[step.valueSlot] = value;
  // Like FastAPI, an uncached use still fills the cache for later cached uses.
  if (slots[step.cacheSlot] === UNSET) slots[step.cacheSlot] = value;
}
