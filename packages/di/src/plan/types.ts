import type { CleanupStack } from "../cleanup-stack";
import type { DependsMarker } from "../depends";
import type { DependencyOverrides } from "../overrides";
import type { Provider } from "../provider";

/** Where a node's inputs come from, given to the umbrella's input compiler. */
export interface InputContext {
  /** The provider (after overrides) that declares the inputs; null for the route itself. */
  readonly owner: Provider | null;
  /** OAuth2 scopes in force for this node, gathered from the root down, without duplicates. */
  readonly scopes: readonly string[];
  /** Names from the root down to this node, for error messages ("GET /x -> currentUser"). */
  readonly chain: readonly string[];
}

/**
 * Per-request resolver of one node's inputs. Pushes every problem onto `errors` (the caller
 * decides their shape) and returns the values by param name. The returned object must be
 * fresh for each call: DI adds the node's dependency values to it and hands it to the provider.
 */
export type InputResolver<Ctx> = (
  ctx: Ctx,
  errors: unknown[],
) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface PlanOptions<Ctx> {
  /**
   * Called once per node at plan time with the node's inputs (its params other than Depends
   * markers and SecurityScopes); returns the per-request resolver, or null if there is nothing
   * to resolve. Not called for nodes without inputs.
   */
  compileInputs(inputs: Record<string, unknown>, info: InputContext): InputResolver<Ctx> | null;
  /** Replacement providers, read now; see `Plan.isStale()`. */
  overrides?: DependencyOverrides;
  /** App-, router- and decorator-level dependencies, run first, in order, for effect only. */
  before?: readonly DependsMarker<unknown>[];
  /** Name of the root in error messages and chains (e.g. "GET /items/{id}"). Default "route". */
  name?: string;
  /** Longest chain from the root to a leaf provider (default 64). */
  maxDepth?: number;
  /** Largest graph once expanded into uses (default 10 000): shared subtrees count once per use. */
  maxUses?: number;
}

/** One use of a node by its parent: a params entry, or a `before` marker (name null). */
export interface PlanDependency {
  readonly name: string | null;
  readonly node: PlanNode;
  readonly cache: boolean;
  readonly marker: DependsMarker<unknown>;
}

/** A provider (or the route itself) in one scope context, as planned. Enough for the docs. */
export interface PlanNode {
  /** The provider called (after overrides); null for the route itself. */
  readonly provider: Provider | null;
  /** The provider as declared, before overrides; null for the route itself. */
  readonly original: Provider | null;
  /** The params entries handed to `compileInputs` (empty object if none). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Param names that receive the SecurityScopes. */
  readonly securityScopesParams: readonly string[];
  readonly scopes: readonly string[];
  readonly chain: readonly string[];
  /** The node's Depends entries in params order (for the root, `before` markers come first). */
  readonly dependencies: readonly PlanDependency[];
}

export interface Plan<Ctx> {
  /**
   * Resolves everything for one request and returns the root's param values. The values are
   * complete only if `errors` received nothing. A provider's exception propagates (thrown, or
   * a rejection); cleanups registered before it stay on `stack`, so close it in every case.
   */
  run(
    ctx: Ctx,
    stack: CleanupStack,
    errors: unknown[],
  ): Record<string, unknown> | Promise<Record<string, unknown>>;
  /**
   * True when no provider is async (function or generator) and no input resolver is an async
   * function: run() then returns a plain object (or throws) synchronously. A sync provider that
   * returns a promise still works; that request then gets a Promise. When false, run() always
   * returns a Promise.
   */
  readonly isSync: boolean;
  /** True when some provider is a generator, so `stack` may receive cleanups. */
  readonly needsCleanup: boolean;
  /** Every provider (after overrides) in the graph, once each, in resolution order. */
  readonly providers: readonly Provider[];
  /** Every node once, in resolution order; the root is last. */
  readonly nodes: readonly PlanNode[];
  readonly root: PlanNode;
  /** `overrides.version` when the plan was built (-1 without overrides). */
  readonly overridesVersion: number;
  /** True when the overrides changed since the plan was built: build a new plan. */
  isStale(): boolean;
}
