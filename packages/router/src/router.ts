import { RouteConflictError, RouterError } from "./errors";
import { MountTable, normaliseMountPrefix } from "./mounts";
import {
  type MatchResult,
  type MatchState,
  NO_MATCH,
  notePartial,
  RouteRecord,
  Terminal,
} from "./records";
import { StaticTable } from "./static-table";
import { parseTemplate } from "./template";
import { SegmentTree } from "./tree";
import { UrlBuilder, type UrlParams } from "./url-for";

export interface RouterOptions {
  /**
   * Starlette's `redirect_slashes`: let `redirectTarget` offer the path with its trailing
   * slash flipped when only that form matches. Default true.
   */
  redirectSlashes?: boolean;
}

export interface AddRouteOptions {
  /** Unique name for `urlFor`. */
  name?: string;
}

export interface MountOptions {
  /** Unique name for `urlFor(name, { path })`. */
  name?: string;
}

/** A registered route, as `routes()` lists it. */
export interface RouteInfo<T> {
  readonly methods: readonly string[];
  readonly template: string;
  readonly name?: string;
  readonly route: T;
}

const SLASH = 47;
// RFC 9110 token characters: what a method name may contain.
const METHOD_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The route table of one app: static templates in a StaticTable (one lookup on the hot path), the
 * others in a segment tree, mounts in declaration order. Build it at startup, then `match`.
 */
export class Router<T> {
  readonly #static = new StaticTable<Terminal<T>>();
  readonly #tree = new SegmentTree<T>();
  readonly #mounts = new MountTable();
  readonly #urls = new UrlBuilder();
  readonly #records: RouteRecord<T>[] = [];
  // Reused by every match: matching is synchronous and calls no user code.
  readonly #state: MatchState<T> = { partial: null, values: [] };
  readonly #redirectSlashes: boolean;
  /** Declaration counter shared by routes and mounts (Starlette tries them in one order). */
  #declared = 0;
  #hasDynamic = false;

  constructor(options: RouterOptions = {}) {
    this.#redirectSlashes = options.redirectSlashes ?? true;
  }

  /** Registers a route. Throws on a bad template, bad methods, a conflict or a taken name. */
  add(methods: readonly string[], template: string, route: T, options: AddRouteOptions = {}): void {
    const parsed = parseTemplate(template);
    const declared = normaliseMethods(methods, template);
    const shadow = this.#mounts.shadowing(template, this.#declared);
    if (shadow !== undefined) {
      throw new RouteConflictError(
        "ROUTE_CONFLICT",
        `Route ${template} can never match: mount ${shadow.prefix || "/"}, declared before it, takes all its paths (declare the route first)`,
      );
    }
    const name = options.name;
    if (name !== undefined) this.#urls.assertNameFree(name, template);

    const record = new RouteRecord(this.#declared, declared, parsed, route, name);
    if (parsed.isStatic) {
      const terminal = this.#static.get(template) ?? new Terminal<T>();
      terminal.add(record);
      this.#static.set(template, terminal);
    } else {
      this.#tree.terminalFor(parsed).add(record);
      this.#hasDynamic = true;
    }
    if (name !== undefined) this.#urls.addRoute(name, parsed);
    this.#records.push(record);
    this.#declared++;
  }

  /**
   * Mounts `target` (any app) under a static prefix: it receives `prefix` itself and every
   * path below `prefix/`. Routes declared before the mount win over it; after it, they would
   * be unreachable and are refused.
   */
  mount(prefix: string, target: unknown, options: MountOptions = {}): void {
    const normalised = normaliseMountPrefix(prefix);
    const name = options.name;
    if (name !== undefined) this.#urls.assertNameFree(name, normalised || "/");
    this.#mounts.add({ index: this.#declared, prefix: normalised, target, name });
    if (name !== undefined) this.#urls.addMount(name, normalised);
    this.#declared++;
  }

  /** Matches an already percent-decoded path. See the README for the priority rules. */
  match(method: string, path: string): MatchResult<T> {
    const state = this.#state;
    state.partial = null;
    const staticTerminal = this.#static.get(path);
    let record = this.#findFull(method, path, staticTerminal);
    // HEAD is served by the GET route unless some route declares HEAD explicitly.
    if (record === null && method === "HEAD") record = this.#findFull("GET", path, staticTerminal);

    if (this.#mounts.size > 0) {
      const mounted = this.#mounts.match(path, record === null ? Infinity : record.index);
      if (mounted !== null) return mounted;
    }
    if (record !== null) return record.full ?? record.fullMatchFrom(state.values);
    // Re-read through a wider type: TS keeps the `null` narrowing across the calls above.
    const partial: RouteRecord<T> | null = state.partial as RouteRecord<T> | null;
    return partial === null ? NO_MATCH : partial.partial;
  }

  #findFull(
    method: string,
    path: string,
    staticTerminal: Terminal<T> | undefined,
  ): RouteRecord<T> | null {
    if (staticTerminal !== undefined) {
      const record = staticTerminal.byMethod.get(method);
      if (record !== undefined) return record;
      notePartial(this.#state, staticTerminal.first!);
    }
    if (!this.#hasDynamic) return null;
    return this.#tree.lookup(method, path, this.#state);
  }

  /**
   * Starlette's `redirect_slashes`: for a path that matches nothing (not even with another
   * method) and is not `/`, the path with its trailing slash added or removed, if that one
   * matches a route (any method) or a mount; otherwise null. Also null when disabled.
   */
  redirectTarget(path: string): string | null {
    if (!this.#redirectSlashes || path === "/" || path.charCodeAt(0) !== SLASH) return null;
    // No method is "": this asks "does any route or mount take this path?".
    if (this.match("", path).kind !== "none") return null;
    let flipped: string;
    if (path.charCodeAt(path.length - 1) === SLASH) {
      // Like Python's rstrip("/"): `/a//` becomes `/a`.
      let end = path.length;
      while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
      if (end === 0) return null;
      flipped = path.slice(0, end);
    } else {
      flipped = `${path}/`;
    }
    return this.match("", flipped).kind === "none" ? null : flipped;
  }

  /** The path of a named route (or named mount, with `{ path }`), params percent-encoded. */
  urlFor(name: string, params?: UrlParams): string {
    return this.#urls.urlFor(name, params);
  }

  /** Every route in declaration order. */
  *routes(): IterableIterator<RouteInfo<T>> {
    for (const record of this.#records) {
      const info: { -readonly [K in keyof RouteInfo<T>]: RouteInfo<T>[K] } = {
        methods: record.methods,
        template: record.parsed.template,
        route: record.route,
      };
      if (record.name !== undefined) info.name = record.name;
      yield info;
    }
  }

  /** Every mount in declaration order (`prefix` is `"/"` for a root mount). */
  *mounts(): IterableIterator<{
    readonly prefix: string;
    readonly target: unknown;
    readonly name?: string;
  }> {
    for (const mount of this.#mounts.all()) {
      yield mount.name === undefined
        ? { prefix: mount.prefix || "/", target: mount.target }
        : { prefix: mount.prefix || "/", target: mount.target, name: mount.name };
    }
  }
}

function normaliseMethods(methods: readonly string[], template: string): readonly string[] {
  if (!Array.isArray(methods) || methods.length === 0) {
    throw new RouterError("INVALID_ROUTE", `Route ${template} needs at least one method`);
  }
  const out: string[] = [];
  for (const method of methods) {
    if (typeof method !== "string" || !METHOD_TOKEN.test(method)) {
      throw new RouterError(
        "INVALID_ROUTE",
        `Route ${template}: ${JSON.stringify(method)} is not a valid HTTP method`,
      );
    }
    const upper = method.toUpperCase();
    if (!out.includes(upper)) out.push(upper);
  }
  return Object.freeze(out);
}
