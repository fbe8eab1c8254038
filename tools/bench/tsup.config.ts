import { defineConfig } from "tsup";

// The CLI and every script the harness spawns in its own process (servers, clients,
// micro-benches). Packages stay external: each process loads only what it imports.
export default defineConfig({
  entry: ["src/cli.ts", "src/entries/*.ts"],
  format: ["esm"],
  target: "node20",
  splitting: true,
  clean: true,
  skipNodeModulesBundle: true,
});
