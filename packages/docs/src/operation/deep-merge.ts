const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * FastAPI's `deep_dict_update`: objects merge key by key, arrays concatenate, anything else
 * replaces. Mutates and returns `target`; `extra` is not modified.
 */
export function deepMerge(
  target: Record<string, unknown>,
  extra: Record<string, unknown>,
  depth = 0,
): Record<string, unknown> {
  if (depth > 64) throw new RangeError("openapiExtra is nested deeper than 64 levels");
  for (const [key, value] of Object.entries(extra)) {
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    let merged: unknown;
    if (isPlainObject(value) && isPlainObject(current)) {
      merged = deepMerge({ ...current }, value, depth + 1);
    } else if (Array.isArray(value) && Array.isArray(current)) {
      merged = [...current, ...value];
    } else {
      merged = value;
    }
    // defineProperty: a "__proto__" key stays an ordinary key.
    Object.defineProperty(target, key, {
      value: merged,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return target;
}
