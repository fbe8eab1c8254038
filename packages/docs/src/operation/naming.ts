import { parseTemplate } from "@typhoon/router";
import { OpenAPIError } from "../errors";

// Python's `\W` on str: anything but a Unicode letter, digit or underscore.
const NON_WORD = /[^\p{L}\p{N}_]/gu;

/**
 * FastAPI's default operationId (`generate_unique_id`): the route name and the documented
 * path with every non-word character replaced by `_`, then `_` and the lower-case method.
 * `("read_item", "/items/{item_id}", "GET")` → `read_item_items__item_id__get`.
 */
export function generateOperationId(name: string, path: string, method: string): string {
  const base = `${name}${path}`.replace(NON_WORD, "_");
  return `${base}_${method.toLowerCase()}`;
}

/**
 * The default summary: the name in words, title-cased like Python's `str.title()`
 * (`read_item` → `Read Item`, as FastAPI). camelCase is split first (`readItem` → `Read Item`)
 * since JavaScript handlers are rarely snake_case.
 */
export function summaryFromName(name: string): string {
  const words = name.replaceAll("_", " ").replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2");
  let out = "";
  let previousCased = false;
  for (const char of words) {
    const cased = char.toLowerCase() !== char.toUpperCase();
    out += cased ? (previousCased ? char.toLowerCase() : char.toUpperCase()) : char;
    previousCased = cased;
  }
  return out.trim();
}

/**
 * The path as OpenAPI writes it: the template validated by the router's rules, with a
 * catch-all `{file_path:path}` written `{file_path}`. Returns the path parameter names too.
 */
export function documentPath(template: string): { path: string; params: readonly string[] } {
  let parsed: ReturnType<typeof parseTemplate>;
  try {
    parsed = parseTemplate(template);
  } catch (error) {
    // The router's message already names the template and the reason.
    const reason = error instanceof Error ? error.message : String(error);
    throw new OpenAPIError("INVALID_DESCRIPTION", reason, { cause: error });
  }
  const segments = parsed.segments.map((s) => (s.kind === "static" ? s.value : `{${s.name}}`));
  return { path: `/${segments.join("/")}`, params: parsed.params };
}
