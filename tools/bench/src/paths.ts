import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | null = null;

/**
 * The bench package's folder, found by walking up from this module: the same answer from
 * the sources (tests) and from the bundled dist/ chunks (the CLI).
 */
export function packageRoot(): string {
  if (cached !== null) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
      if (name === "@typhoon-tooling/bench") {
        cached = dir;
        return dir;
      }
    }
    dir = path.dirname(dir);
  }
  throw new Error("cannot find the @typhoon-tooling/bench package folder above this module");
}

export const distEntry = (name: string) =>
  path.join(packageRoot(), "dist", "entries", `${name}.js`);
export const luaScript = () => path.join(packageRoot(), "lua", "request.lua");
export const pythonAppDir = () => path.join(packageRoot(), "src", "servers");
export const resultsDir = () => path.join(packageRoot(), "bench-results");
