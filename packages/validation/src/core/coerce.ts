// String-to-value rules of apps/reference/SPEC.md §1.8. Regexes, not Number()/parseInt():
// those accept "0x10", " 5", "" (as 0) and truncate "5.5", all of which FastAPI rejects.

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT_RE = /^[+-]?\d+$/;

/** A decimal or exponent number; "1e400" overflows to Infinity (bounds then reject it). */
export function parseFloatString(s: string): number | undefined {
  return FLOAT_RE.test(s) ? Number(s) : undefined;
}

/** An optionally signed run of digits; values beyond 2^53 parse (inexactly) as numbers. */
export function parseIntString(s: string): number | undefined {
  return INT_RE.test(s) ? Number(s) : undefined;
}

export function isIntString(s: string): boolean {
  return INT_RE.test(s);
}

const TRUE_WORDS = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE_WORDS = new Set(["0", "off", "f", "false", "n", "no"]);

/** Case-insensitive `1 on t true y yes` / `0 off f false n no`; anything else is undefined. */
export function parseBoolString(s: string): boolean | undefined {
  if (s.length > 5) return undefined;
  const lower = s.toLowerCase();
  if (TRUE_WORDS.has(lower)) return true;
  if (FALSE_WORDS.has(lower)) return false;
  return undefined;
}

/** Number of Unicode code points (a surrogate pair counts once, as Python's len() does). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
