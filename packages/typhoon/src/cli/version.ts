import { readFileSync } from "node:fs";

/**
 * The umbrella's version, read from its package.json: one level up from dist/cli.js, two
 * from src/cli/version.ts.
 */
export function packageVersion(): string {
  for (const relative of ["../package.json", "../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "typhoon" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // Not this candidate; try the next one.
    }
  }
  return "unknown";
}
