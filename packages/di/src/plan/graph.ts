import { type DependsMarker, isDependsMarker } from "../depends";
import { DependencyCycleError, DependencyPlanError } from "../errors";
import {
  describe,
  isParamsObject,
  isProvider,
  type Provider,
  type ProviderKind,
  providerKind,
} from "../provider";
import { isSecurityScopesMarker, SecurityScopes } from "../security-scopes";
import type { InputResolver, PlanDependency, PlanNode, PlanOptions } from "./types";

/** A node ready to execute: the public PlanNode plus what the runner needs. */
export interface CompiledNode<Ctx> {
  readonly info: PlanNode;
  /** null for the root (the route is not called by DI). */
  readonly fn: ((args: any) => unknown) | null;
  readonly kind: ProviderKind;
  readonly name: string;
  readonly resolveInputs: InputResolver<Ctx> | null;
  /** Built once at plan time: scopes are static, so every request can share the instance. */
  readonly securityScopes: SecurityScopes | null;
  /** Index of the per-request cache slot for (original provider, sorted scopes); -1 for the root. */
  readonly cacheSlot: number;
  readonly uses: readonly CompiledUse<Ctx>[];
  /** Number of uses below this node once shared subtrees are expanded (bounds the program). */
  readonly expandedSize: number;
}

export interface CompiledUse<Ctx> {
  readonly name: string | null;
  readonly node: CompiledNode<Ctx>;
  readonly cache: boolean;
  readonly marker: DependsMarker<unknown>;
}

export interface Graph<Ctx> {
  readonly root: CompiledNode<Ctx>;
  /** Every node once, in resolution order (root last). */
  readonly nodes: readonly CompiledNode<Ctx>[];
  readonly providers: readonly Provider[];
  readonly cacheSlotCount: number;
}

const NO_SCOPES: readonly string[] = Object.freeze([]);
const DEFAULT_MAX_DEPTH = 64;
const DEFAULT_MAX_USES = 10_000;

/** Walks the params graph once (through overrides), checking it and compiling every node's inputs. */
export function buildGraph<Ctx>(params: unknown, options: PlanOptions<Ctx>): Graph<Ctx> {
  return new GraphBuilder(options).build(params);
}

class GraphBuilder<Ctx> {
  readonly #options: PlanOptions<Ctx>;
  readonly #maxDepth: number;
  readonly #maxUses: number;
  // Nodes by declared provider, then by their ordered scopes: one compiled node per context.
  readonly #memo = new Map<Provider, Map<string, CompiledNode<Ctx>>>();
  readonly #cacheSlots = new Map<string, number>();
  readonly #providerIds = new Map<Provider, number>();
  readonly #nodes: CompiledNode<Ctx>[] = [];
  readonly #providers = new Set<Provider>();
  // Declared providers on the chain being walked, for cycle detection.
  readonly #path: Provider[] = [];
  readonly #pathNames: string[] = [];

  constructor(options: PlanOptions<Ctx>) {
    this.#options = options;
    this.#maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.#maxUses = options.maxUses ?? DEFAULT_MAX_USES;
  }

  build(params: unknown): Graph<Ctx> {
    const rootName = this.#options.name ?? "route";
    const chain = [rootName];
    if (!isParamsObject(params)) {
      throw new DependencyPlanError(
        "DI_INVALID_PARAMS",
        `${rootName}: params must be a plain object, got ${describe(params)}`,
      );
    }
    const before = this.#options.before ?? [];
    if (!Array.isArray(before)) {
      throw new DependencyPlanError(
        "DI_INVALID_PARAMS",
        `${rootName}: before must be an array of Depends() markers, got ${describe(before)}`,
      );
    }
    const uses: CompiledUse<Ctx>[] = [];
    before.forEach((marker, index) => {
      if (!isDependsMarker(marker)) {
        throw new DependencyPlanError(
          "DI_INVALID_PROVIDER",
          `${rootName} -> before[${index}]: expected a Depends() or Security() marker, got ${describe(marker)}`,
        );
      }
      uses.push(this.#use(marker, null, `before[${index}]`, chain, NO_SCOPES));
    });
    const root = this.#node(null, null, params, chain, NO_SCOPES, uses, -1);
    return {
      root,
      nodes: this.#nodes,
      providers: [...this.#providers],
      cacheSlotCount: this.#cacheSlots.size,
    };
  }

  #use(
    marker: DependsMarker<unknown>,
    name: string | null,
    label: string,
    chain: readonly string[],
    parentScopes: readonly string[],
  ): CompiledUse<Ctx> {
    const original = marker.provider as unknown;
    if (!isProvider(original)) {
      throw new DependencyPlanError(
        "DI_INVALID_PROVIDER",
        `${[...chain, label].join(" -> ")}: Depends() needs a provider or a function, got ${describe(original)}`,
      );
    }
    const cycleStart = this.#path.indexOf(original);
    if (cycleStart !== -1) {
      throw new DependencyCycleError([
        ...this.#pathNames.slice(cycleStart),
        this.#effective(original).name,
      ]);
    }
    if (this.#path.length >= this.#maxDepth) {
      throw new DependencyPlanError(
        "DI_PLAN_TOO_LARGE",
        `${chain.join(" -> ")}: dependencies nested deeper than ${this.#maxDepth} levels`,
      );
    }
    const scopes = union(parentScopes, marker.scopes);
    const scopesKey = scopes.join("\u0000");
    const node =
      this.#memo.get(original)?.get(scopesKey) ??
      this.#provider(original, scopes, scopesKey, chain);
    return { name, node, cache: marker.cache, marker };
  }

  #effective(original: Provider): Provider {
    return this.#options.overrides?.get(original) ?? original;
  }

  #provider(
    original: Provider,
    scopes: readonly string[],
    scopesKey: string,
    parentChain: readonly string[],
  ): CompiledNode<Ctx> {
    const provider = this.#effective(original);
    const chain = [...parentChain, provider.name];
    this.#path.push(original);
    this.#pathNames.push(provider.name);
    const node = this.#node(
      provider,
      original,
      provider.params,
      chain,
      scopes,
      [],
      this.#cacheSlot(original, scopes),
    );
    this.#path.pop();
    this.#pathNames.pop();
    const byScopes = this.#memo.get(original) ?? new Map<string, CompiledNode<Ctx>>();
    byScopes.set(scopesKey, node);
    this.#memo.set(original, byScopes);
    this.#providers.add(provider);
    return node;
  }

  /** Sorts the params into uses, SecurityScopes entries and inputs, then compiles the inputs. */
  #node(
    provider: Provider | null,
    original: Provider | null,
    params: Record<string, unknown>,
    chain: readonly string[],
    scopes: readonly string[],
    uses: CompiledUse<Ctx>[],
    cacheSlot: number,
  ): CompiledNode<Ctx> {
    const inputs: Record<string, unknown> = {};
    const scopesParams: string[] = [];
    let hasInputs = false;
    for (const key of Object.keys(params)) {
      const value = params[key];
      if (isDependsMarker(value)) uses.push(this.#use(value, key, key, chain, scopes));
      else if (isSecurityScopesMarker(value)) scopesParams.push(key);
      else {
        inputs[key] = value;
        hasInputs = true;
      }
    }
    const expandedSize = uses.reduce((size, use) => size + 1 + use.node.expandedSize, 0);
    if (expandedSize > this.#maxUses) {
      throw new DependencyPlanError(
        "DI_PLAN_TOO_LARGE",
        `${chain.join(" -> ")}: the dependency graph expands to more than ${this.#maxUses} uses`,
      );
    }
    const frozenChain = Object.freeze([...chain]);
    const resolveInputs = hasInputs
      ? this.#options.compileInputs(inputs, { owner: provider, scopes, chain: frozenChain })
      : null;
    const dependencies: PlanDependency[] = uses.map((use) => ({
      name: use.name,
      node: use.node.info,
      cache: use.cache,
      marker: use.marker,
    }));
    const info: PlanNode = {
      provider,
      original,
      inputs: Object.freeze(inputs),
      securityScopesParams: Object.freeze(scopesParams),
      scopes,
      chain: frozenChain,
      dependencies: Object.freeze(dependencies),
    };
    const node: CompiledNode<Ctx> = {
      info,
      fn: provider === null ? null : provider.fn,
      kind: provider === null ? "sync" : providerKind(provider.fn),
      name: provider === null ? chain[0]! : provider.name,
      resolveInputs: resolveInputs ?? null,
      securityScopes: scopesParams.length > 0 ? new SecurityScopes(scopes) : null,
      cacheSlot,
      uses,
      expandedSize,
    };
    this.#nodes.push(node);
    return node;
  }

  #cacheSlot(original: Provider, scopes: readonly string[]): number {
    let id = this.#providerIds.get(original);
    if (id === undefined) {
      id = this.#providerIds.size;
      this.#providerIds.set(original, id);
    }
    // FastAPI's cache key: the provider plus its sorted security scopes.
    const key = `${id}\u0000${[...scopes].sort().join("\u0000")}`;
    let slot = this.#cacheSlots.get(key);
    if (slot === undefined) {
      slot = this.#cacheSlots.size;
      this.#cacheSlots.set(key, slot);
    }
    return slot;
  }
}

/** Parent scopes followed by the new ones, in order, without duplicates. */
function union(parent: readonly string[], own: readonly string[]): readonly string[] {
  if (own.length === 0) return parent;
  const merged = [...parent];
  for (const scope of own) if (!merged.includes(scope)) merged.push(scope);
  return merged.length === parent.length ? parent : Object.freeze(merged);
}
