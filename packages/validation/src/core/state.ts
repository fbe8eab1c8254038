import type { ErrorItem, Loc } from "../types";

/** Returned by a compiled node when the input was invalid (errors were pushed). */
export const INVALID: unique symbol = Symbol("typhoon.invalid");
export type Invalid = typeof INVALID;

/**
 * Mutable state threaded through one validation run. Each entry point owns one and reuses it
 * across calls, so a run allocates nothing for bookkeeping on the happy path.
 */
export interface RunState {
  /** The loc of the value being validated: a stack (push a key, descend, pop). */
  path: Loc;
  errors: ErrorItem[];
  /** Scalars accept strings by the lax rules (numeric strings, "yes", ISO dates...). */
  lax: boolean;
  /** Values came from request strings: unions try coercions in order, in one pass. */
  strings: boolean;
  /** Response filtering (FastAPI's response_model) with its exclude_* options. */
  excludeUnset: boolean;
  excludeNone: boolean;
  excludeDefaults: boolean;
  /** Current recursion depth through lazy schemas (bounded, see MAX_DEPTH). */
  depth: number;
}

/** Recursive (v.lazy) schemas may nest this deep; deeper input is rejected, never a crash. */
export const MAX_DEPTH = 200;

export interface StateOptions {
  strings?: boolean;
  excludeUnset?: boolean;
  excludeNone?: boolean;
  excludeDefaults?: boolean;
}

export function createState(loc: Loc, options: StateOptions = {}): RunState {
  return {
    path: loc.slice(),
    errors: [],
    lax: true,
    strings: options.strings ?? false,
    excludeUnset: options.excludeUnset ?? false,
    excludeNone: options.excludeNone ?? false,
    excludeDefaults: options.excludeDefaults ?? false,
    depth: 0,
  };
}

/** Pushes an error at the current path (plus an optional extra key) and returns INVALID. */
export function fail(
  st: RunState,
  type: string,
  msg: string,
  input: unknown,
  ctx?: Record<string, unknown>,
  extraKey?: string | number,
): Invalid {
  const loc = st.path.slice();
  if (extraKey !== undefined) loc.push(extraKey);
  const item: ErrorItem = { type, loc, msg, input };
  if (ctx !== undefined) item.ctx = ctx;
  st.errors.push(item);
  return INVALID;
}

/**
 * The state of one compiled entry point, reused across calls. A re-entrant call (a user
 * callback validating with the same entry point while it runs) gets a fresh state instead of
 * corrupting the shared one. Use as `const st = slot.acquire(errors); try {...} finally
 * { slot.release(st) }`.
 */
export class StateSlot {
  readonly #loc: Loc;
  readonly #options: StateOptions;
  readonly #state: RunState;
  #busy = false;

  constructor(loc: Loc, options: StateOptions = {}) {
    this.#loc = loc;
    this.#options = options;
    this.#state = createState(loc, options);
  }

  acquire(errors: ErrorItem[]): RunState {
    const st = this.#busy ? createState(this.#loc, this.#options) : this.#state;
    this.#busy = true;
    st.errors = errors;
    return st;
  }

  release(st: RunState): void {
    if (st !== this.#state) return;
    // Restore the invariants even if a user callback threw mid-run.
    if (st.path.length !== this.#loc.length) st.path.length = this.#loc.length;
    st.lax = true;
    st.depth = 0;
    this.#busy = false;
  }
}
