/**
 * Validators of a file (ETag, Last-Modified) and the conditional request rules of RFC 9110
 * §13 that a static file server needs: If-None-Match, If-Modified-Since and If-Range.
 */
import type { Headers as HeaderPairs } from "@typhoon/server";

/**
 * A strong ETag from size and modification time (milliseconds), as nginx builds its own:
 * `"<size hex>-<mtime ms hex>"`. Strong, so If-Range can use it; it cannot see a rewrite that
 * keeps both the size and the millisecond, which is the usual trade for not hashing the file.
 */
export function entityTag(size: number, mtimeMs: number): string {
  return `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

/** The IMF-fixdate of an mtime, truncated to the second as HTTP dates are. */
export function httpDate(mtimeMs: number): string {
  return new Date(seconds(mtimeMs)).toUTCString();
}

/** Every value of a request header, joined as one comma list (RFC 9110 §5.3). */
export function requestHeader(headers: HeaderPairs, name: string): string | undefined {
  let value: string | undefined;
  for (const pair of headers) {
    if (pair[0] === name) value = value === undefined ? pair[1] : `${value}, ${pair[1]}`;
  }
  return value;
}

/**
 * True when a GET/HEAD can be answered 304: If-None-Match (weak comparison) decides when
 * present, otherwise If-Modified-Since; an unparsable date is ignored.
 */
export function isNotModified(headers: HeaderPairs, etag: string, mtimeMs: number): boolean {
  const ifNoneMatch = requestHeader(headers, "if-none-match");
  if (ifNoneMatch !== undefined) return matchesAny(ifNoneMatch, etag);
  const ifModifiedSince = requestHeader(headers, "if-modified-since");
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && seconds(mtimeMs) <= since;
}

/**
 * If-Range: the Range applies only if the validator still matches, by strong comparison for
 * an ETag (a weak one never matches) or an exact date equal to Last-Modified.
 */
export function ifRangeMatches(value: string, etag: string, mtimeMs: number): boolean {
  const trimmed = value.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith("W/")) {
    return trimmed === etag && !etag.startsWith("W/");
  }
  const date = Date.parse(trimmed);
  return !Number.isNaN(date) && date === seconds(mtimeMs);
}

// Entity tags never contain commas in our format, so splitting on commas cannot make a
// foreign tag look like ours.
function matchesAny(list: string, etag: string): boolean {
  const opaque = etag.startsWith("W/") ? etag.slice(2) : etag; // a tag set by the app may be weak
  for (const raw of list.split(",")) {
    let tag = raw.trim();
    if (tag === "*") return true;
    if (tag.startsWith("W/")) tag = tag.slice(2);
    if (tag === opaque) return true;
  }
  return false;
}

function seconds(mtimeMs: number): number {
  return Math.floor(mtimeMs / 1000) * 1000;
}
