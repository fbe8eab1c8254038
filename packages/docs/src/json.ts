import { OpenAPIError } from "./errors";

const MAX_DEPTH = 512;

/**
 * A deep copy of `value` as plain JSON data, following `JSON.stringify`'s rules (toJSON,
 * undefined/function members dropped, non-finite numbers → null) plus: bigint → number when
 * safe, else a string. The copy shares nothing with the description, so a post-process hook
 * may mutate it. Cycles and absurd depth are reported instead of overflowing the stack.
 */
export function toJsonData(value: unknown, where = "the document"): unknown {
  const ancestors = new Set<object>();
  const copy = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (typeof v === "bigint") {
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : v.toString();
    }
    if (typeof v !== "object") return undefined;
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return copy(toJSON.call(v), depth);
    if (depth > MAX_DEPTH) {
      throw new OpenAPIError("INVALID_DESCRIPTION", `${where} is nested deeper than ${MAX_DEPTH}`);
    }
    if (ancestors.has(v)) {
      throw new OpenAPIError("INVALID_DESCRIPTION", `${where} contains a cycle`);
    }
    ancestors.add(v);
    let out: unknown;
    if (Array.isArray(v)) {
      out = v.map((item) => copy(item, depth + 1) ?? null);
    } else {
      const entries: [string, unknown][] = [];
      for (const key of Object.keys(v)) {
        const item = copy((v as Record<string, unknown>)[key], depth + 1);
        if (item !== undefined) entries.push([key, item]);
      }
      // fromEntries defines "__proto__" as an own key instead of setting the prototype.
      out = Object.fromEntries(entries);
    }
    ancestors.delete(v);
    return out;
  };
  return copy(value, 0);
}
