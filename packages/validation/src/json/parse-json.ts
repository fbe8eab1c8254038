import { msg } from "../errors/messages";
import type { ErrorItem } from "../types";
import { locateJsonError } from "./json-error";

/** Bytes that are not UTF-8 at all: SPEC §1.6 answers 400 "There was an error parsing the body". */
export class BodyDecodeError extends Error {
  readonly status = 400;
  constructor() {
    super("There was an error parsing the body");
    this.name = "BodyDecodeError";
  }
}

// fatal: invalid UTF-8 throws instead of turning into U+FFFD; a leading BOM is dropped (as
// Python's json.loads does for bytes).
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses a JSON body. Malformed JSON pushes one `json_invalid` error at `["body", <code point
 * offset>]` (Python's message in `ctx.error`) and returns undefined. `__proto__` stays a plain
 * own key (JSON.parse never calls the prototype setter); duplicate keys: the last one wins.
 * Throws {@link BodyDecodeError} for bytes that are not valid UTF-8.
 */
export function parseJson(bytes: Uint8Array | string, errors: ErrorItem[]): unknown {
  let text: string;
  if (typeof bytes === "string") text = bytes.charCodeAt(0) === 0xfeff ? bytes.slice(1) : bytes;
  else {
    try {
      text = decoder.decode(bytes);
    } catch {
      throw new BodyDecodeError();
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
