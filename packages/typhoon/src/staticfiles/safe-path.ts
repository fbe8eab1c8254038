/**
 * Turns the request path (already percent-decoded once by the server) into path segments
 * that can only name something inside the served directory, or `null` to refuse it.
 *
 * Nothing is decoded again: `%252e%252e` arrives as the literal name `%2e%2e`, which is a
 * (most likely missing) file name, never `..`. Refused outright: `..` segments, backslashes
 * (a separator on Windows, and never in a URL we produce), NUL bytes (which truncate paths in
 * C APIs). Empty and `.` segments are dropped, so `//etc/passwd` stays inside the directory.
 */
export function safeSegments(path: string): string[] | null {
  if (path.includes("\0") || path.includes("\\")) return null;
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") return null;
    segments.push(segment);
  }
  return segments;
}

/** True when `candidate` is `root` or lies below it (both absolute and normalised). */
export function isInside(root: string, candidate: string, separator: string): boolean {
  if (candidate === root) return true;
  const prefix = root.endsWith(separator) ? root : root + separator;
  return candidate.startsWith(prefix);
}
