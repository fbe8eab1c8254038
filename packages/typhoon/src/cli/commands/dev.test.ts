import path from "node:path";
import { describe, expect, it } from "vitest";
import { childExecArgv, defaultRoot } from "./dev";

describe("defaultRoot", () => {
  it("watches the working directory when the file is inside it", () => {
    expect(defaultRoot("/srv/shop/src/app.ts", "/srv/shop")).toBe("/srv/shop");
  });

  it("watches the file's directory when the file is elsewhere", () => {
    expect(defaultRoot("/tmp/play/app.ts", "/srv/shop")).toBe("/tmp/play");
    expect(defaultRoot("/srv/shop-other/app.ts", "/srv/shop")).toBe("/srv/shop-other");
  });
});

describe("childExecArgv", () => {
  it("adds tsx (resolved to a file URL) and keeps the parent's flags", () => {
    const argv = childExecArgv(["--conditions=typhoon-source", "--enable-source-maps"]);
    expect(argv.slice(0, 3)).toEqual([
      "--conditions=typhoon-source",
      "--enable-source-maps",
      "--import",
    ]);
    expect(argv[3]).toMatch(/^file:\/\/.*tsx.*\.mjs$/);
    expect(argv).toHaveLength(4);
  });

  it("does not add tsx twice, and drops debugger and watch flags", () => {
    const tsx = `file://${path.sep}x${path.sep}tsx${path.sep}dist${path.sep}loader.mjs`;
    expect(childExecArgv(["--inspect=9229", "--import", tsx, "--watch", "--inspect-brk"])).toEqual([
      "--import",
      tsx,
    ]);
  });

  it("adds nothing without tsx: the child uses Node's type stripping or says what to install", () => {
    expect(childExecArgv(["--enable-source-maps"], null)).toEqual(["--enable-source-maps"]);
  });
});
