import { describe, expect, it } from "vitest";
import {
  chooseTypeScriptLoader,
  findTsx,
  missingTypeScriptMessage,
  nativeTypeStripping,
} from "./typescript-loader";

describe("nativeTypeStripping", () => {
  it("reads process.features.typescript (Node 22.18+/23.6+: 'strip'; older: absent)", () => {
    expect(nativeTypeStripping({ typescript: "strip" })).toBe(true);
    expect(nativeTypeStripping({ typescript: "transform" })).toBe(true);
    expect(nativeTypeStripping({ typescript: false })).toBe(false);
    expect(nativeTypeStripping({})).toBe(false);
  });
});

describe("chooseTypeScriptLoader", () => {
  const tsxUrl = "file:///p/node_modules/tsx/dist/loader.mjs";

  it("keeps a loader already running, else prefers tsx, else Node's type stripping", () => {
    expect(chooseTypeScriptLoader("a.ts", { active: true, tsxUrl, native: true })).toEqual({
      kind: "active",
    });
    expect(chooseTypeScriptLoader("a.ts", { active: false, tsxUrl, native: true })).toEqual({
      kind: "tsx",
      url: tsxUrl,
    });
    expect(
      chooseTypeScriptLoader("a.ts", { active: false, tsxUrl: undefined, native: true }),
    ).toEqual({ kind: "native" });
  });

  it("says how to install tsx when neither is there (Node 20 without tsx)", () => {
    const loader = chooseTypeScriptLoader("app.ts", {
      active: false,
      tsxUrl: undefined,
      native: false,
      nodeVersion: "20.19.0",
    });
    expect(loader).toEqual({
      kind: "missing",
      message: missingTypeScriptMessage("app.ts", "20.19.0"),
    });
    expect(missingTypeScriptMessage("app.ts", "20.19.0")).toBe(
      'Cannot load "app.ts": Node 20.19.0 cannot run TypeScript by itself (Node 22.18+ and 23.6+ ' +
        "can) and tsx is not installed. Install it in your project (npm install --save-dev tsx), " +
        "use a newer Node, or run the compiled .js file.",
    );
  });
});

describe("findTsx", () => {
  it("finds the workspace's tsx as a file URL, and nothing for a package that is absent", () => {
    expect(findTsx(process.cwd())).toMatch(/^file:\/\/.*tsx.*\.mjs$/);
    expect(findTsx(process.cwd(), "no-such-package-typhoon")).toBeUndefined();
  });
});
