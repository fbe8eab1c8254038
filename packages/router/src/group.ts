import { RouterError } from "./errors";
import { validatePrefix, validateRoutePath } from "./group-paths";
import { normaliseMountPrefix } from "./mounts";

/** A route as a group holds it: `path` is relative to the group (`""` or starting with `/`). */
export interface GroupRoute<R> {
  readonly methods: readonly string[];
  readonly path: string;
  readonly route: R;
  readonly name?: string;
}

export interface RouteGroupInit<O> {
  /** Prepended to every path of the group, like APIRouter(prefix=...): `/x`, never `/x/`. */
  prefix?: string;
  /** The group's own options (tags, dependencies, ...); they follow the include's options in `chain`. */
  options?: O;
}

export interface IncludeOptions<O> {
  /** Prepended to the child's paths for this inclusion only. */
  prefix?: string;
  /** Options of this inclusion; they come before the child's own options in `chain`. */
  options?: O;
  /** Namespace for the child's route names: `name:routeName`, as Starlette's mount names. */
  name?: string;
}

/** A route of the flattened tree, with its full path and every enclosing options object. */
export interface FlatRoute<R, O> {
  readonly kind: "route";
  readonly methods: readonly string[];
  readonly path: string;
  readonly route: R;
  readonly name?: string;
  /** Options of every enclosing include and group, outermost first. */
  readonly chain: readonly O[];
}

/** A mount of the flattened tree, with its full prefix. */
export interface FlatMount<O> {
  readonly kind: "mount";
  readonly path: string;
  readonly target: unknown;
  readonly name?: string;
  readonly chain: readonly O[];
}

export type FlatItem<R, O> = FlatRoute<R, O> | FlatMount<O>;

type GroupItem<R, O> =
  | { readonly kind: "route"; readonly entry: GroupRoute<R> }
  | {
      readonly kind: "mount";
      readonly path: string;
      readonly target: unknown;
      readonly name?: string;
    }
  | {
      readonly kind: "include";
      readonly child: RouteGroup<R, O>;
      readonly with: IncludeOptions<O>;
    };

/**
 * The machinery of an APIRouter: routes, mounts and included child groups, each level with
 * optional options. Nothing is matched here: `items()` flattens the tree once, at startup,
 * into full paths plus option chains that the app feeds to its `Router`.
 */
export class RouteGroup<R, O = unknown> {
  readonly prefix: string;
  readonly options: O | undefined;
  readonly #items: GroupItem<R, O>[] = [];

  constructor(init: RouteGroupInit<O> = {}) {
    this.prefix = validatePrefix(init.prefix ?? "");
    this.options = init.options;
  }

  add(entry: GroupRoute<R>): this {
    validateRoutePath(entry.path);
    this.#items.push({ kind: "route", entry: { ...entry } });
    return this;
  }

  mount(path: string, target: unknown, options: { name?: string } = {}): this {
    normaliseMountPrefix(path);
    const item =
      options.name === undefined ? { path, target } : { path, target, name: options.name };
    this.#items.push({ kind: "mount", ...item });
    return this;
  }

  /** Includes `child`; the same child may be included several times (under other prefixes). */
  include(child: RouteGroup<R, O>, options: IncludeOptions<O> = {}): this {
    if (child === this || child.#includes(this)) {
      throw new RouterError(
        "INVALID_ROUTE",
        "A route group cannot include itself, even indirectly",
      );
    }
    validatePrefix(options.prefix ?? "");
    this.#items.push({ kind: "include", child, with: { ...options } });
    return this;
  }

  /** Whether `group` is reachable through this group's includes (each group visited once). */
  #includes(group: RouteGroup<R, O>, seen = new Set<RouteGroup<R, O>>()): boolean {
    seen.add(this);
    for (const item of this.#items) {
      if (item.kind !== "include" || seen.has(item.child)) continue;
      if (item.child === group || item.child.#includes(group, seen)) return true;
    }
    return false;
  }

  /** Routes and mounts with full paths, in declaration order (depth first through includes). */
  items(): FlatItem<R, O>[] {
    const out: FlatItem<R, O>[] = [];
    this.#flatten("", [], "", out);
    return out;
  }

  /** Only the routes of `items()`. */
  entries(): FlatRoute<R, O>[] {
    return this.items().filter((item): item is FlatRoute<R, O> => item.kind === "route");
  }

  /** Only the mounts of `items()`. */
  mounts(): FlatMount<O>[] {
    return this.items().filter((item): item is FlatMount<O> => item.kind === "mount");
  }

  #flatten(
    outerPrefix: string,
    outerChain: readonly O[],
    namespace: string,
    out: FlatItem<R, O>[],
  ) {
    const prefix = outerPrefix + this.prefix;
    const chain = this.options === undefined ? outerChain : [...outerChain, this.options];
    for (const item of this.#items) {
      if (item.kind === "include") {
        const { child, with: inc } = item;
        const childChain = inc.options === undefined ? chain : [...chain, inc.options];
        const childNamespace = inc.name === undefined ? namespace : `${namespace}${inc.name}:`;
        child.#flatten(prefix + (inc.prefix ?? ""), childChain, childNamespace, out);
      } else if (item.kind === "mount") {
        out.push(
          withName<FlatMount<O>>(
            { kind: "mount", path: prefix + item.path, target: item.target, chain },
            namespace,
            item.name,
          ),
        );
      } else {
        const { entry } = item;
        const path = prefix + entry.path;
        if (path === "") {
          throw new RouterError(
            "INVALID_ROUTE",
            `Prefix and path cannot be both empty (route ${entry.methods.join(",")} "")`,
          );
        }
        out.push(
          withName<FlatRoute<R, O>>(
            { kind: "route", methods: entry.methods, path, route: entry.route, chain },
            namespace,
            entry.name,
          ),
        );
      }
    }
  }
}

function withName<I extends { name?: string }>(
  item: I,
  namespace: string,
  name: string | undefined,
): I {
  return name === undefined ? item : { ...item, name: namespace + name };
}
