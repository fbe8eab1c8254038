import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute } from "node:path";
import { describe, expect, it } from "vitest";
import { scalarBundle, scalarBundlePath } from "./bundle";

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
    expect(bundle.version).toMatch(/^1\.46\.\d+$/);
    expect(scalarBundle()).toBe(bundle);
  });
});
