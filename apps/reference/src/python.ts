/**
 * Python's `round(x, ndigits)`: the exact binary value of `x` rounded to `ndigits` decimals,
 * an exact tie going to the even digit. `toFixed` already works on the exact value but breaks
 * ties away from zero, so only exact ties need a second look.
 */
export function pythonRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x)) return x;
  const rounded = Number(x.toFixed(ndigits));
  // toFixed with many more digits shows the exact expansion (for the magnitudes used here).
  const exact = Math.abs(x).toFixed(Math.min(ndigits + 60, 100));
  const tail = exact.slice(exact.indexOf(".") + 1 + ndigits);
  if (!/^50*$/.test(tail)) return rounded;
  const scale = 10 ** ndigits;
  const down = Math.trunc(Math.abs(x) * scale);
  const even = down % 2 === 0 ? down : down + 1;
  return (Math.sign(x) * even) / scale;
}

/** Python compares str by code point; JS `<` compares UTF-16 units (astral characters differ). */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  // Bounded by the shorter string: each turn consumes one code point of both.
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const diff = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
}
