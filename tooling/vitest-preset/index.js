// Shared vitest settings. Tests import packages by their public names; these aliases point
// those names at the sources, so a test never needs a build (tRPC does the same).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Every `exports` entry of every package, mapped from dist back to src. */
export function sourceAliases(root = repoRoot) {
  const aliases = [];
  const pkgDir = path.join(root, "packages");
  for (const dir of fs.readdirSync(pkgDir)) {
    const file = path.join(pkgDir, dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
      const dist = typeof target === "string" ? target : (target.import ?? target.default);
      if (typeof dist !== "string" || !dist.startsWith("./dist/")) continue;
      const src = dist.replace("./dist/", "./src/").replace(/\.js$/, ".ts");
      const srcPath = path.join(pkgDir, dir, src);
      if (!fs.existsSync(srcPath)) continue;
      const name = sub === "." ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
      aliases.push({
        find: new RegExp(`^${name.replace(/[/.]/g, "\\$&")}$`),
        replacement: srcPath,
      });
    }
  }
  return aliases;
}

/** Settings for one workspace project (a package or an app). */
export function project(name, overrides = {}) {
  return {
    resolve: { alias: sourceAliases() },
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
      testTimeout: 20_000,
      hookTimeout: 20_000,
      ...overrides,
    },
  };
}
