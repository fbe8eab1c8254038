import { type MatchState, notePartial, type RouteRecord, Terminal } from "./records";
import { StaticTable } from "./static-table";
import type { ParsedTemplate } from "./template";

const SLASH = 47;

/**
 * One position "at the start of a path segment". Children are tried static first, then the
 * parameter, then the catch-all: that order *is* the documented priority.
 */
class SegmentNode<T> {
  statics: StaticTable<SegmentNode<T>> | null = null;
  param: SegmentNode<T> | null = null;
  /** Routes whose path ends right after the segment that led here. */
  end: Terminal<T> | null = null;
  /** Routes whose `{name:path}` takes everything from here on (possibly nothing). */
  catchAll: Terminal<T> | null = null;
}

/**
 * The dynamic routes (templates with at least one parameter), as a tree of path segments.
 * A node at depth k always looks at the k-th segment, so a lookup visits each node at most
 * once even when it backtracks: the cost is bounded by the tree, never by the number of routes.
 */
export class SegmentTree<T> {
  readonly #root = new SegmentNode<T>();

  /** The terminal where routes with this template's shape end (created on first use). */
  terminalFor(parsed: ParsedTemplate): Terminal<T> {
    let node = this.#root;
    for (const segment of parsed.segments) {
      if (segment.kind === "catchAll") {
        node.catchAll ??= new Terminal<T>();
        return node.catchAll;
      }
      if (segment.kind === "param") {
        node.param ??= new SegmentNode<T>();
        node = node.param;
        continue;
      }
      node.statics ??= new StaticTable();
      let child = node.statics.get(segment.value);
      if (child === undefined) {
        child = new SegmentNode<T>();
        node.statics.set(segment.value, child);
      }
      node = child;
    }
    node.end ??= new Terminal<T>();
    return node.end;
  }

  /**
   * The highest-priority route matching path and method, with its parameter values left at
   * the start of `state.values` (later slots may hold leftovers); routes whose path matched
   * but not the method are noted in `state.partial`.
   */
  lookup(method: string, path: string, state: MatchState<T>): RouteRecord<T> | null {
    if (path.charCodeAt(0) !== SLASH) return null;
    return this.#walk(this.#root, method, path, 1, 0, state);
  }

  #walk(
    node: SegmentNode<T>,
    method: string,
    path: string,
    start: number,
    depth: number,
    state: MatchState<T>,
  ): RouteRecord<T> | null {
    let end = path.indexOf("/", start);
    const last = end === -1;
    if (last) end = path.length;
    if (node.statics !== null) {
      // Compared in place: no slice of the path, no hash of it.
      const child = node.statics.getSlice(path, start, end);
      if (child !== undefined) {
        const found = last
          ? atTerminal(child.end, method, state)
          : this.#walk(child, method, path, end + 1, depth, state);
        if (found !== null) return found;
      }
    }
    // An empty segment never fills a parameter (`/items/` does not match `/items/{id}`).
    if (node.param !== null && end > start) {
      // Slot `depth` holds this parameter's value; a failed branch is simply overwritten.
      state.values[depth] = path.slice(start, end);
      const child = node.param;
      const found = last
        ? atTerminal(child.end, method, state)
        : this.#walk(child, method, path, end + 1, depth + 1, state);
      if (found !== null) return found;
    }
    if (node.catchAll !== null) {
      const found = atTerminal(node.catchAll, method, state);
      if (found !== null) {
        state.values[depth] = path.slice(start);
        return found;
      }
    }
    return null;
  }
}

/** The route of this terminal serving `method`, or null after noting the path match. */
export function atTerminal<T>(
  terminal: Terminal<T> | null,
  method: string,
  state: MatchState<T>,
): RouteRecord<T> | null {
  if (terminal === null) return null;
  const record = terminal.byMethod.get(method);
  if (record !== undefined) return record;
  if (terminal.first !== null) notePartial(state, terminal.first);
  return null;
}
