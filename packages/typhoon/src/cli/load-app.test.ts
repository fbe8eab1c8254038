import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "./errors";
import { isTypeScript, parseTarget, resolveModuleFile, toServerAppOrFail } from "./load-app";

describe("parseTarget", () => {
  it.each([
    ["app.js", "app.js", undefined],
    ["app.js:api", "app.js", "api"],
    ["src/main.ts:default", "src/main.ts", "default"],
    ["/abs/app.js:$app_2", "/abs/app.js", "$app_2"],
    ["C:\\code\\app.js", "C:\\code\\app.js", undefined],
    ["C:\\code\\app.js:api", "C:\\code\\app.js", "api"],
    ["C:app", "C:app", undefined],
    ["file:///srv/app.js", "file:///srv/app.js", undefined],
    ["file:///srv/app.js:api", "file:///srv/app.js", "api"],
    ["app.js:not-an-identifier", "app.js:not-an-identifier", undefined],
    ["app.js:", "app.js:", undefined],
  ])("%s → file %s, export %s", (target, file, exportName) => {
    expect(parseTarget(target)).toEqual({ file, exportName });
  });
});

describe("resolveModuleFile", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "typhoon-cli-resolve-"));
    writeFileSync(path.join(dir, "app.ts"), "");
    writeFileSync(path.join(dir, "server.mjs"), "");
    mkdirSync(path.join(dir, "folder"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("resolves relative to the working directory, and file URLs", () => {
    expect(resolveModuleFile("app.ts", dir)).toBe(path.join(dir, "app.ts"));
    expect(resolveModuleFile(path.join(dir, "app.ts"), "/")).toBe(path.join(dir, "app.ts"));
    expect(resolveModuleFile(pathToFileURL(path.join(dir, "app.ts")).href, "/")).toBe(
      path.join(dir, "app.ts"),
    );
  });

  it("tries .ts, .mts, .js, .mjs for a name without extension", () => {
    expect(resolveModuleFile("app", dir)).toBe(path.join(dir, "app.ts"));
    expect(resolveModuleFile("server", dir)).toBe(path.join(dir, "server.mjs"));
  });

  it("reports what it looked for when nothing matches, and refuses directories", () => {
    expect(() => resolveModuleFile("nope.js", dir)).toThrow(
      `Cannot find module file "nope.js" (looked for ${path.join(dir, "nope.js")})`,
    );
    expect(() => resolveModuleFile("folder", dir)).toThrow(CliError);
    expect(() => resolveModuleFile("missing", dir)).toThrow(`${path.join(dir, "missing.mjs")})`);
  });
});

describe("toServerAppOrFail", () => {
  const serverApp = async () => {};

  it("accepts a ServerApp function or an object with serverApp", () => {
    expect(toServerAppOrFail({ app: serverApp, label: "a:app", file: "a" })).toBe(serverApp);
    expect(toServerAppOrFail({ app: { serverApp }, label: "a:app", file: "a" })).toBe(serverApp);
  });

  it.each([
    [42, "a number"],
    [null, "null"],
    [{ serverApp: 1 }, "an object (Object)"],
    [Object.create(null), "an object (no prototype)"],
  ])("rejects %j, naming what it got", (app, got) => {
    expect(() => toServerAppOrFail({ app, label: "m.js:app", file: "m.js" })).toThrow(
      `"m.js:app" is not an app: expected a Typhoon app or a ServerApp function, got ${got}`,
    );
  });
});

it("isTypeScript", () => {
  expect(
    [".ts", ".mts", ".cts", ".tsx", ".js", ".mjs"].map((ext) => isTypeScript(`a${ext}`)),
  ).toEqual([true, true, true, true, false, false]);
});
