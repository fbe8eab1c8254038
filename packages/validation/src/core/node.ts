import type { RunState } from "./state";

/**
 * A compiled schema: validates (and coerces) `input`, returning the output value, or INVALID
 * after pushing at least one error into `st.errors` at `st.path`.
 */
export type Node = (input: unknown, st: RunState) => unknown;
