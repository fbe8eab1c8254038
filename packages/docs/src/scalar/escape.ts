const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const SCRIPT_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * JSON that is safe inside an inline `<script>`: `<`, `>` and `&` are written as `\u` escapes
 * (so `</script>` or `<!--` cannot end or confuse the element) and so are U+2028/U+2029 (line
 * terminators in older JavaScript). Only strings can contain these characters in JSON, and
 * there the escapes mean the same characters. Functions, symbols and bigints are refused
 * rather than silently dropped.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") {
      throw new TypeError(
        `Cannot put a ${typeof v} in the docs page configuration${key ? ` (key "${key}")` : ""}: only JSON values`,
      );
    }
    return v;
  });
  if (json === undefined) throw new TypeError("The docs page configuration is not JSON");
  return json.replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
}
