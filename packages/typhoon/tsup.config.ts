import { defineConfig } from "tsup";

export default defineConfig({
  // `cli` is the `typhoon` executable (package.json "bin"); its shebang comes from the source,
  // and tsup marks the output executable.
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "node20",
});
