import type { SchemaView } from "../types";
import { JsonSchemaError } from "./errors";
import { TYPE_PRESERVING } from "./walk";

type Json = Record<string, unknown>;

const BOUND_KEYWORDS: Record<string, [number: string, date: string]> = {
  min_value: ["minimum", "formatMinimum"],
  max_value: ["maximum", "formatMaximum"],
  gt_value: ["exclusiveMinimum", "formatExclusiveMinimum"],
  lt_value: ["exclusiveMaximum", "formatExclusiveMaximum"],
};

const SAFE_FLAGS = /^[ugdy]*$/;

/**
 * Repairs what @valibot/to-json-schema refuses in a pipe action. Constraints JSON Schema has
 * no keyword for (v.check, flagged regexes ...) are left out, as pydantic leaves custom
 * validators out; a transform whose output type is unknown is reported.
 */
export function fixAction(
  action: SchemaView,
  json: Json,
  errors: readonly string[] | undefined,
  ctx: { io: "input" | "output"; path: string },
): Json | undefined {
  if (errors === undefined) return undefined;
  if (action.kind === "transformation") {
    if (ctx.io === "input" || TYPE_PRESERVING.has(action.type)) return json;
    throw new JsonSchemaError(
      `Cannot describe the output of the "${action.type}" transformation at ${ctx.path}: end the pipe with a schema for its result (e.g. v.pipe(v.string(), v.transform(Number), v.number()))`,
    );
  }
  const req = action.requirement;
  const bound = BOUND_KEYWORDS[action.type];
  if (bound !== undefined) {
    if (req instanceof Date) json[bound[1]] = req.toISOString();
    else if (typeof req === "bigint") json[bound[0]] = Number(req);
    return json;
  }
  if (action.type === "regex" && req instanceof RegExp) {
    if (!SAFE_FLAGS.test(req.flags)) {
      if (json.pattern === req.source) delete json.pattern;
    } else if (json.pattern !== req.source) {
      // A second pattern: every pattern must match, so it joins an allOf.
      json.allOf = [...((json.allOf as unknown[]) ?? []), { pattern: req.source }];
    }
    return json;
  }
  return json;
}
