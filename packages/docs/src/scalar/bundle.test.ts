import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute } from "node:path";
import { describe, expect, it } from "vitest";
import { installedScalarBundle, scalarBundle, scalarBundlePath } from "./bundle";
import { SCALAR_CDN } from "./cdn";

describe("the Scalar bundle", () => {
  it("is the installed standalone build", () => {
    const path = scalarBundlePath();
    expect(isAbsolute(path)).toBe(true);
    expect(path.replaceAll("\\", "/")).toMatch(
      /@scalar\/api-reference\/dist\/browser\/standalone\.js$/,
    );
    expect(existsSync(path)).toBe(true);
    // The global the page calls.
    expect(readFileSync(path, "utf8")).toContain("createApiReference");
  });

  it("comes with size, content ETag, hash, type and version, computed once", () => {
    const bundle = scalarBundle();
    const bytes = readFileSync(bundle.path);
    expect(bundle.size).toBe(bytes.length);
    expect(bundle.mtime.getTime()).toBe(statSync(bundle.path).mtime.getTime());
    const digest = createHash("sha256").update(bytes).digest("base64url");
    expect(bundle.etag).toBe(`"${digest.slice(0, 27)}"`);
    expect(digest.startsWith(bundle.hash)).toBe(true);
    expect(bundle.contentType).toBe("text/javascript; charset=utf-8");
    // Any 1.x from 1.46 on (the peer range); the workspace installs the CDN's pinned release.
    expect(bundle.version).toMatch(/^1\.\d+\.\d+$/);
    expect(Number(bundle.version.split(".")[1])).toBeGreaterThanOrEqual(46);
    expect(scalarBundle()).toBe(bundle);
    expect(installedScalarBundle()).toBe(bundle);
  });
});

describe("the CDN fallback", () => {
  it("pins one release of the standalone build on jsDelivr", () => {
    expect(SCALAR_CDN.url).toBe(
      `https://cdn.jsdelivr.net/npm/@scalar/api-reference@${SCALAR_CDN.version}/dist/browser/standalone.js`,
    );
    expect(SCALAR_CDN.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  });

  // jsDelivr serves the npm tarball's file unchanged, so the installed file of the same
  // release must have the pinned hash (the workspace installs that release).
  const installed = scalarBundle().version;
  it.skipIf(installed !== SCALAR_CDN.version)(
    `has the integrity of the installed ${installed} file (skipped unless the versions match)`,
    () => {
      const digest = createHash("sha384").update(readFileSync(scalarBundlePath())).digest("base64");
      expect(`sha384-${digest}`).toBe(SCALAR_CDN.integrity);
    },
  );

  it("is the release the workspace installs, so the hash test above runs", () => {
    expect(installed).toBe(SCALAR_CDN.version);
  });
});
