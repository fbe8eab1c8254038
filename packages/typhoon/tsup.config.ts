import { packageBuild } from "@typhoon-tooling/tsup-preset";
import { defineConfig } from "tsup";

// One entry per `exports` subpath, laid out as dist/<subpath>/index.js so that the vitest
// preset's dist -> src mapping lands on src/<subpath>/index.ts.
const SUBPATHS = [
  "testing",
  "middleware",
  "responses",
  "security",
  "forms",
  "settings",
  "exception-handlers",
  "params",
  "datetime",
];
const publicEntries: Record<string, string> = { index: "src/index.ts" };
for (const subpath of SUBPATHS) publicEntries[`${subpath}/index`] = `src/${subpath}/index.ts`;

export default defineConfig(
  packageBuild({
    // `cli` is the `typhoon` executable (package.json "bin"); its shebang comes from the
    // source, and tsup marks the output executable.
    entry: { ...publicEntries, cli: "src/cli/main.ts" },
    dts: { entry: publicEntries },
  }),
);
