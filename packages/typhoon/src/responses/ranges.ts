/**
 * The `Range: bytes=...` header (RFC 9110 §14.1.2) resolved against a file size.
 * Malformed headers and other units are ignored (the whole file is sent, as the RFC allows);
 * satisfiable ranges are sorted and merged, so overlapping requests cannot multiply the
 * bytes sent.
 */

/** Inclusive byte offsets, as in `Content-Range`. */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeRequest =
  | { kind: "ignore" }
  | { kind: "unsatisfiable" }
  | { kind: "ranges"; ranges: ByteRange[] };

/** More ranges than this in one header and the header is ignored (a cheap DoS otherwise). */
export const MAX_RANGES = 100;

const IGNORE: RangeRequest = { kind: "ignore" };
const UNSATISFIABLE: RangeRequest = { kind: "unsatisfiable" };
const SPEC = /^(\d*)[ \t]*-[ \t]*(\d*)$/;

export function parseRange(header: string, size: number, maxRanges = MAX_RANGES): RangeRequest {
  const eq = header.indexOf("=");
  if (eq === -1 || header.slice(0, eq).trim().toLowerCase() !== "bytes") return IGNORE;
  const specs = header.slice(eq + 1).split(",");
  if (specs.length > maxRanges) return IGNORE;
  const ranges: ByteRange[] = [];
  for (const raw of specs) {
    const spec = raw.trim();
    if (spec === "") continue; // empty list elements are allowed
    const match = SPEC.exec(spec);
    if (match === null) return IGNORE;
    const [, first = "", last = ""] = match;
    if (first === "" && last === "") return IGNORE;
    if (first === "") {
      // Suffix range: the last N bytes.
      const length = Number(last);
      if (length > 0 && size > 0) ranges.push({ start: Math.max(0, size - length), end: size - 1 });
      continue;
    }
    const start = Number(first);
    const end = last === "" ? Number.POSITIVE_INFINITY : Number(last);
    if (end < start) return IGNORE; // invalid syntax per the RFC, not merely unsatisfiable
    if (start < size) ranges.push({ start, end: Math.min(end, size - 1) });
  }
  if (ranges.length === 0) return UNSATISFIABLE;
  return { kind: "ranges", ranges: coalesce(ranges) };
}

/** Sorted, with overlapping or adjacent ranges merged. */
function coalesce(ranges: ByteRange[]): ByteRange[] {
  if (ranges.length === 1) return ranges;
  ranges.sort((a, b) => a.start - b.start);
  const out: ByteRange[] = [ranges[0] as ByteRange];
  for (let i = 1; i < ranges.length; i++) {
    const range = ranges[i] as ByteRange;
    const previous = out[out.length - 1] as ByteRange;
    if (range.start <= previous.end + 1) previous.end = Math.max(previous.end, range.end);
    else out.push(range);
  }
  return out;
}
