import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** What an app needs to serve Scalar's browser bundle itself (no CDN, works offline). */
export interface ScalarBundle {
  /** Absolute path of `@scalar/api-reference/dist/browser/standalone.js`. */
  path: string;
  /** Size in bytes (the `Content-Length`). */
  size: number;
  /** Last modification time (the `Last-Modified`). */
  mtime: Date;
  /** A strong ETag over the content, quoted: `"…"`. */
  etag: string;
  /** Short content hash, for a versioned URL (`scalar.js?v=<hash>`) cached as immutable. */
  hash: string;
  /** `text/javascript; charset=utf-8`. */
  contentType: string;
  /** The installed `@scalar/api-reference` version. */
  version: string;
}

const BUNDLE_SPECIFIER = "@scalar/api-reference/browser/standalone.js";
let cached: ScalarBundle | undefined;

/** Absolute path of the installed Scalar standalone bundle (`dist/browser/standalone.js`). */
export function scalarBundlePath(): string {
  return createRequire(import.meta.url).resolve(BUNDLE_SPECIFIER);
}

/**
 * The Scalar bundle's path and caching metadata, computed once per process (the file is
 * read once to hash it, about 3.5 MB). Serve it at e.g. `GET {docsUrl}/scalar.js` with
 * `Content-Type`, `Content-Length`, `ETag` and `Cache-Control: no-cache` (answer 304 when
 * `If-None-Match` matches), or `Cache-Control: public, max-age=31536000, immutable` when the
 * page links it as `scalar.js?v=<hash>`.
 */
export function scalarBundle(): ScalarBundle {
  if (cached !== undefined) return cached;
  const path = scalarBundlePath();
  const stat = statSync(path);
  const digest = createHash("sha256").update(readFileSync(path)).digest("base64url");
  const hash = digest.slice(0, 16);
  cached = {
    path,
    size: stat.size,
    mtime: stat.mtime,
    etag: `"${digest.slice(0, 27)}"`,
    hash,
    contentType: "text/javascript; charset=utf-8",
    version: readVersion(path),
  };
  return cached;
}

// package.json is not in the package's exports; it sits three levels above dist/browser/.
function readVersion(bundlePath: string): string {
  try {
    const file = join(dirname(bundlePath), "..", "..", "package.json");
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    return pkg.name === "@scalar/api-reference" && typeof pkg.version === "string"
      ? pkg.version
      : "unknown";
  } catch {
    return "unknown";
  }
}
