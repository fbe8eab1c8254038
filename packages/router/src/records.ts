import { RouteConflictError } from "./errors";
import type { ParsedTemplate } from "./template";

/** What `Router.match` answers. Results may be shared between requests: treat them as read-only. */
export type MatchResult<T> = FullMatch<T> | PartialMatch | MountMatch | { readonly kind: "none" };

/** Path and method matched this route. */
export interface FullMatch<T> {
  readonly kind: "full";
  readonly route: T;
  readonly params: Readonly<Record<string, string>>;
  /** The methods the route was declared with (uppercase). */
  readonly methods: readonly string[];
  /** The template the route was declared with, e.g. `/items/{item_id}`. */
  readonly template: string;
}

/** The path matched but not the method: answer 405 with `Allow: allow`. */
export interface PartialMatch {
  readonly kind: "partial";
  /** Methods of the first route, in declaration order, whose path matched. */
  readonly allow: readonly string[];
}

/** The path is under a mount: hand the request to `target` with `rootPath` appended and `path`. */
export interface MountMatch {
  readonly kind: "mount";
  readonly target: unknown;
  /** The matched prefix (`""` for a mount at `/`); append it to the incoming root path. */
  readonly rootPath: string;
  /** The rest of the path, starting with `/` (`"/"` when the path was exactly the prefix). */
  readonly path: string;
}

export const NO_MATCH: { readonly kind: "none" } = Object.freeze({ kind: "none" });
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/** One registered route, with the answers that never change precomputed. */
export class RouteRecord<T> {
  readonly partial: PartialMatch;
  /** Precomputed answer for routes without parameters; null when params must be filled per request. */
  readonly full: FullMatch<T> | null;

  constructor(
    readonly index: number,
    readonly methods: readonly string[],
    readonly parsed: ParsedTemplate,
    readonly route: T,
    readonly name: string | undefined,
  ) {
    this.partial = Object.freeze({ kind: "partial", allow: methods });
    this.full = parsed.isStatic ? Object.freeze(this.fullMatch(NO_PARAMS)) : null;
  }

  fullMatch(params: Readonly<Record<string, string>>): FullMatch<T> {
    return {
      kind: "full",
      route: this.route,
      params,
      methods: this.methods,
      template: this.parsed.template,
    };
  }

  /** Builds the answer for a dynamic route from the values captured in template order. */
  fullMatchFrom(values: readonly string[]): FullMatch<T> {
    this.#params ??= paramsBuilder(this.parsed.params);
    return this.fullMatch(this.#params(values));
  }

  #params: ((values: readonly string[]) => Record<string, string>) | undefined;
}

/**
 * The params object of one template, built by a function made for it: an object literal with
 * the names as keys gets one shape from the start, where assigning computed keys to `{}` goes
 * through a transition per key on every request. Names are identifiers (checked when the
 * template is parsed); without `new Function` (a locked-down runtime), a loop does the same.
 */
function paramsBuilder(
  names: readonly string[],
): (values: readonly string[]) => Record<string, string> {
  const loop = (values: readonly string[]) => {
    const params: Record<string, string> = {};
    // defineProperty: a parameter named __proto__ is a plain key, not the prototype.
    for (let i = 0; i < names.length; i++) {
      Object.defineProperty(params, names[i]!, {
        value: values[i]!,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return params;
  };
  if (names.includes("__proto__")) return loop;
  try {
    const fields = names.map((name, i) => `${name}: v[${i}]`).join(", ");
    return new Function("v", `return { ${fields} };`) as (
      v: readonly string[],
    ) => Record<string, string>;
  } catch {
    return loop;
  }
}

/**
 * The routes that end at one place: one static path, or one node of the tree. Their paths
 * are the same, so their method sets must be disjoint; the first declared one gives `Allow`.
 */
export class Terminal<T> {
  readonly byMethod = new Map<string, RouteRecord<T>>();
  first: RouteRecord<T> | null = null;

  add(record: RouteRecord<T>): void {
    for (const method of record.methods) {
      const existing = this.byMethod.get(method);
      if (existing !== undefined) {
        throw new RouteConflictError(
          "ROUTE_CONFLICT",
          `Route ${method} ${record.parsed.template} conflicts with ${method} ${existing.parsed.template}, declared before it: both match the same paths`,
        );
      }
    }
    for (const method of record.methods) this.byMethod.set(method, record);
    this.first ??= record;
  }
}

/** Scratch state of one `match` call, reused across calls (matching is synchronous). */
export interface MatchState<T> {
  /** First-declared route whose path matched without the method matching. */
  partial: RouteRecord<T> | null;
  /** Parameter values of the matched route in template order (slots past its count are stale). */
  values: string[];
}

export function notePartial<T>(state: MatchState<T>, record: RouteRecord<T>): void {
  if (state.partial === null || record.index < state.partial.index) state.partial = record;
}
