import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { SCALAR_OFFLINE_HINT } from "./cdn";

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

const PACKAGE = "@scalar/api-reference";
let cached: ScalarBundle | null | undefined;

/**
 * Absolute path of the installed Scalar standalone bundle (`dist/browser/standalone.js`).
 * Throws, saying how to install it, when `@scalar/api-reference` (an optional peer) is absent.
 */
export function scalarBundlePath(): string {
  const path = findScalarBundlePath();
  if (path === undefined) throw notInstalled();
  return path;
}

function notInstalled(): Error {
  return new Error(`${PACKAGE} is not installed: ${SCALAR_OFFLINE_HINT}`);
}

// Newer releases export neither `./browser/standalone.js` nor `./package.json`, so the file is
// found beside the package's main entry (`dist/index.js`), which every release exports.
function findScalarBundlePath(): string | undefined {
  let main: string;
  try {
    main = createRequire(import.meta.url).resolve(PACKAGE);
  } catch {
    return undefined;
  }
  const path = join(dirname(main), "browser", "standalone.js");
  return existsSync(path) ? path : undefined;
}

/**
 * The Scalar bundle's path and caching metadata, computed once per process (the file is
 * read once to hash it, a few MB). Serve it at e.g. `GET {docsUrl}/scalar.js` with
 * `Content-Type`, `Content-Length`, `ETag` and `Cache-Control: no-cache` (answer 304 when
 * `If-None-Match` matches), or `Cache-Control: public, max-age=31536000, immutable` when the
 * page links it as `scalar.js?v=<hash>`.
 */
export function scalarBundle(): ScalarBundle {
  const bundle = installedScalarBundle();
  if (bundle === undefined) throw notInstalled();
  return bundle;
}

/**
 * {@link scalarBundle}, or `undefined` when `@scalar/api-reference` is not installed (then the
 * docs page loads Scalar from the CDN: see `SCALAR_CDN`). Looked up once per process.
 */
export function installedScalarBundle(): ScalarBundle | undefined {
  if (cached === undefined) cached = readBundle() ?? null;
  return cached ?? undefined;
}

function readBundle(): ScalarBundle | undefined {
  const path = findScalarBundlePath();
  if (path === undefined) return undefined;
  const stat = statSync(path);
  const digest = createHash("sha256").update(readFileSync(path)).digest("base64url");
  const hash = digest.slice(0, 16);
  return {
    path,
    size: stat.size,
    mtime: stat.mtime,
    etag: `"${digest.slice(0, 27)}"`,
    hash,
    contentType: "text/javascript; charset=utf-8",
    version: readVersion(path),
  };
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
