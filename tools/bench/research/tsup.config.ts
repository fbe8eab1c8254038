import { defineConfig } from "tsup";

// Only for `pnpm --filter @typhoon-tooling/bench research`: the studies' CLI and the scripts
// they spawn, in research/dist. The bench's build leaves them out.
export default defineConfig({
  entry: ["research/src/cli.ts", "research/src/entries/*.ts"],
  outDir: "research/dist",
  format: ["esm"],
  target: "node20",
  splitting: true,
  clean: true,
  skipNodeModulesBundle: true,
});
