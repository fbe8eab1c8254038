import type { ErrorItem } from "../types";

/** A rendered error response: status, headers and the serialized body. */
export interface RenderedError {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * How validation errors become a response: `"fastapi"` (FastAPI's `{"detail": [...]}`),
 * `"problem"` (RFC 9457 problem details), or a function that renders them itself.
 */
export type ErrorFormat =
  | "fastapi"
  | "problem"
  | ((errors: ErrorItem[], ctx: { instance: string }) => RenderedError);

// Error inputs and ctx values are arbitrary: bigint would make JSON.stringify throw, and a
// RegExp would serialize as {}.
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint")
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof RegExp) return value.source;
  if (typeof value === "function" || typeof value === "symbol") return String(value);
  return value;
}

/** RFC 6901 JSON Pointer over a loc: `["body", "items", 0]` → `/body/items/0`. */
export function jsonPointer(loc: readonly (string | number)[]): string {
  return loc.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

function item(e: ErrorItem): Record<string, unknown> {
  const out: Record<string, unknown> = { type: e.type, loc: e.loc, msg: e.msg, input: e.input };
  if (e.ctx !== undefined) out.ctx = e.ctx;
  return out;
}

/**
 * Renders validation errors as a 422 response.
 *
 * - `"fastapi"`: `application/json`, `{"detail": [{type, loc, msg, input, ctx?}, ...]}`.
 * - `"problem"`: `application/problem+json` (RFC 9457):
 *   `{"type": "about:blank", "title": "Unprocessable Content", "status": 422,
 *     "detail": "2 validation errors", "instance": <request path>,
 *     "errors": [{type, loc, msg, input, ctx?, pointer: "/body/price"}, ...]}` where `pointer`
 *   is a JSON Pointer over `loc` (source first: `/query/q`, `/body/items/0/price`).
 * - a function: called as is.
 */
export function renderValidationErrors(
  errors: ErrorItem[],
  format: ErrorFormat,
  ctx: { instance: string },
): RenderedError {
  if (typeof format === "function") return format(errors, ctx);
  if (format === "problem") {
    const body = {
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: `${errors.length} validation error${errors.length === 1 ? "" : "s"}`,
      instance: ctx.instance,
      errors: errors.map((e) => ({ ...item(e), pointer: jsonPointer(e.loc) })),
    };
    return {
      status: 422,
      headers: [["content-type", "application/problem+json"]],
      body: JSON.stringify(body, replacer),
    };
  }
  if (format !== "fastapi") throw new TypeError(`Unknown error format: ${String(format)}`);
  return {
    status: 422,
    headers: [["content-type", "application/json"]],
    body: JSON.stringify({ detail: errors.map(item) }, replacer),
  };
}
