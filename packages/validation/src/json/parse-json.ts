import { msg } from "../errors/messages";
import type { ErrorItem } from "../types";
import { locateJsonError } from "./json-error";

/**
 * Deepest nesting of arrays and objects a body may have. Deeper values would overflow the
 * stack later (validating, rendering an error's `input`, serialising an echo): a client could
 * turn any route into a 500. Real APIs stay far below it.
 */
export const MAX_JSON_DEPTH = 512;

/** Offset (in code units) where nesting first passes MAX_JSON_DEPTH, or -1. Strings are skipped. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return -1;
}

/**
 * Parses a JSON body's text (decoding its bytes is the caller's: invalid UTF-8 is an HTTP 400,
 * not a validation error). Malformed JSON pushes one `json_invalid` error at `["body", <code
 * point offset>]` (Python's message in `ctx.error`) and returns undefined. A leading BOM is
 * skipped, as Python's json.loads does for bytes. `__proto__` stays a plain own key
 * (JSON.parse never calls the prototype setter); duplicate keys: the last one wins.
 */
export function parseJson(body: string, errors: ErrorItem[]): unknown {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  // A body needs at least two characters per level: short ones cannot be too deep.
  if (text.length > 2 * MAX_JSON_DEPTH) {
    const at = tooDeepAt(text);
    if (at !== -1) {
      errors.push({
        type: "json_invalid",
        loc: ["body", at],
        msg: msg.jsonInvalid,
        input: {},
        ctx: { error: `Nesting deeper than ${MAX_JSON_DEPTH} levels` },
      });
      return undefined;
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const located = locateJsonError(text, (error as Error).message);
    errors.push({
      type: "json_invalid",
      loc: ["body", located.position],
      msg: msg.jsonInvalid,
      input: {},
      ctx: { error: located.message },
    });
    return undefined;
  }
}
