import { describe, expect, it } from "vitest";
import { isInside, safeSegments } from "./safe-path";

describe("safeSegments", () => {
  it("splits a normal path, dropping empty and dot segments", () => {
    expect(safeSegments("/css/site.css")).toEqual(["css", "site.css"]);
    expect(safeSegments("/")).toEqual([]);
    expect(safeSegments("//etc//passwd")).toEqual(["etc", "passwd"]);
    expect(safeSegments("/./a/./b/")).toEqual(["a", "b"]);
  });

  it("refuses parent segments, backslashes and NUL bytes", () => {
    for (const path of [
      "/..",
      "/../etc/passwd",
      "/a/../../b",
      "/a/..",
      "/..\\etc",
      "/a\\b",
      "/file.txt\0.png",
    ]) {
      expect(safeSegments(path), JSON.stringify(path)).toBeNull();
    }
  });

  it("keeps still-encoded text literal instead of decoding it a second time", () => {
    expect(safeSegments("/%2e%2e/%2e%2e/etc/passwd")).toEqual([
      "%2e%2e",
      "%2e%2e",
      "etc",
      "passwd",
    ]);
    expect(safeSegments("/..%2fetc")).toEqual(["..%2fetc"]);
    expect(safeSegments("/...")).toEqual(["..."]);
  });
});

describe("isInside", () => {
  it("accepts the root and paths below it only", () => {
    expect(isInside("/srv/www", "/srv/www", "/")).toBe(true);
    expect(isInside("/srv/www", "/srv/www/a/b", "/")).toBe(true);
    expect(isInside("/srv/www", "/srv/www-secret/a", "/")).toBe(false);
    expect(isInside("/srv/www", "/srv", "/")).toBe(false);
    expect(isInside("/", "/etc", "/")).toBe(true);
  });
});
