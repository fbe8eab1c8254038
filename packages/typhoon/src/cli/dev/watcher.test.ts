import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isWatchedFile, type TreeWatcher, watchTree } from "./watcher";

describe("isWatchedFile", () => {
  it.each([
    ["app.ts", true],
    ["view.tsx", true],
    ["lib.mjs", true],
    ["config.json", true],
    [".env", true],
    [".env.local", true],
    ["app.ts.swp", false],
    ["app.ts~", false],
    ["4913", false],
    ["README.md", false],
  ])("%s → %s", (name, watched) => {
    expect(isWatchedFile(name)).toBe(watched);
  });
});

describe.each([
  ["one watch per directory", false],
  ["recursive watch", true],
])("watchTree (%s)", (_label, recursive) => {
  let dir: string;
  let watcher: TreeWatcher | undefined;
  let batches: string[][];
  let waiters: Array<(files: string[]) => void>;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "typhoon-watch-"));
    mkdirSync(path.join(dir, "src", "deep"), { recursive: true });
    mkdirSync(path.join(dir, "node_modules", "pkg"), { recursive: true });
    batches = [];
    waiters = [];
  });
  afterEach(() => {
    watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (extra: { maxDirectories?: number; onWarning?: (m: string) => void } = {}) => {
    watcher = watchTree({
      roots: [dir],
      debounceMs: 50,
      recursive,
      onChange: (files) => {
        batches.push(files);
        waiters.shift()?.(files);
      },
      ...extra,
    });
  };

  /** The next batch, or a rejection after 5 s (the test then fails instead of hanging). */
  const nextBatch = () =>
    new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no change reported within 5 s")), 5_000);
      waiters.push((files) => {
        clearTimeout(timer);
        resolve(files);
      });
    });

  it("reports a changed source file in a nested directory", async () => {
    start();
    const batch = nextBatch();
    writeFileSync(path.join(dir, "src", "deep", "app.ts"), "export {};");
    expect(await batch).toContain(path.join(dir, "src", "deep", "app.ts"));
  });

  it("ignores node_modules and non-source files", async () => {
    start();
    const batch = nextBatch();
    writeFileSync(path.join(dir, "node_modules", "pkg", "index.js"), "");
    writeFileSync(path.join(dir, "node_modules", "top.js"), "");
    writeFileSync(path.join(dir, "src", "notes.md"), "");
    writeFileSync(path.join(dir, "src", "app.ts.swp"), "");
    writeFileSync(path.join(dir, ".env"), "A=1");
    expect(await batch).toEqual([path.join(dir, ".env")]);
  });

  it("folds a burst of writes into one call", async () => {
    start();
    const batch = nextBatch();
    for (const name of ["a.ts", "b.ts", "c.ts"]) writeFileSync(path.join(dir, "src", name), "");
    const files = await batch;
    expect(new Set(files)).toEqual(
      new Set(["a.ts", "b.ts", "c.ts"].map((n) => path.join(dir, "src", n))),
    );
  });

  it("watches directories created after it started", async () => {
    start();
    mkdirSync(path.join(dir, "src", "later"));
    const file = path.join(dir, "src", "later", "late.ts");
    // The new directory's watch is set up asynchronously by the OS or by Node: write until a
    // write is seen (bounded), rather than guessing how long that takes.
    for (let attempt = 0; attempt < 20; attempt++) {
      writeFileSync(file, String(attempt));
      await new Promise((resolve) => setTimeout(resolve, 150));
      if (batches.some((files) => files.includes(file))) return;
    }
    throw new Error(`no change reported for ${file}`);
  });

  it("reports nothing after close", async () => {
    start();
    watcher?.close();
    writeFileSync(path.join(dir, "src", "x.ts"), "");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(batches).toEqual([]);
  });

  it.skipIf(recursive)("stops at maxDirectories with a warning", () => {
    const warnings: string[] = [];
    start({ maxDirectories: 2, onWarning: (message) => warnings.push(message) });
    expect(warnings).toEqual(["Watching the first 2 directories only"]);
  });
});
