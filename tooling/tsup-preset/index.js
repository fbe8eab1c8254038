// Shared tsup settings. Plain JavaScript: tsup loads a config's imports from node_modules as
// they are, so this file must run on Node without a TypeScript step.

/**
 * How a published package is built: ESM for Node 20 with declarations and source maps, from
 * `src/index.ts` unless `overrides` says otherwise (`entry`, `dts`, or any other option).
 * @param {import("tsup").Options} [overrides]
 * @returns {import("tsup").Options}
 */
export function packageBuild(overrides = {}) {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    ...overrides,
  };
}
