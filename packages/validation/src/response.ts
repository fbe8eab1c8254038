import type { GenericSchema } from "valibot";
import { compileNode } from "./core/compile";
import { view } from "./core/introspect";
import { INVALID, StateSlot } from "./core/state";
import { compileJsonWriter } from "./response-json";
import type { ErrorItem } from "./types";

export interface ResponseOptions {
  /** Emit only keys the returned value had (FastAPI's response_model_exclude_unset). */
  excludeUnset?: boolean;
  /** Drop keys whose value is null/undefined (response_model_exclude_none). */
  excludeNone?: boolean;
  /** Drop keys whose value equals their default (response_model_exclude_defaults). */
  excludeDefaults?: boolean;
  /**
   * Also write the filtered value as JSON (`ok` results carry `json`, the text
   * `JSON.stringify(value) ?? "null"` gives), with a writer compiled from the schema.
   */
  json?: boolean;
}

export type ResponseResult =
  | { ok: true; value: unknown; json?: string }
  | { ok: false; errors: ErrorItem[] };

/** Filters a handler's return value through the response schema. */
export type ResponseFilter = (value: unknown) => ResponseResult;

/**
 * FastAPI's response_model: the value is parsed with the schema (unknown keys dropped at every
 * level, defaults filled, lax coercion), optionally without unset/None/default keys. A value
 * that does not match is `ok: false` (a server bug: the app answers 500 and logs the errors).
 */
export function compileResponse(
  schema: GenericSchema,
  options: ResponseOptions = {},
): ResponseFilter {
  const node = compileNode(view(schema));
  const write = options.json === true ? compileJsonWriter(view(schema)) : undefined;
  const slot = new StateSlot([], options);
  let scratch: ErrorItem[] = [];
  return (value) => {
    const st = slot.acquire(scratch);
    try {
      const out = node(value, st);
      if (out !== INVALID) {
        return write === undefined
          ? { ok: true, value: out }
          : { ok: true, value: out, json: write(out) };
      }
      const errors = st.errors;
      // Hand the failed run's array to the caller; the next run starts on a fresh one.
      if (errors === scratch) scratch = [];
      return { ok: false, errors };
    } finally {
      slot.release(st);
    }
  };
}
