import type { Options } from "tsup";

/**
 * How a published package is built: ESM for Node 20 with declarations and source maps, from
 * `src/index.ts` unless `overrides` says otherwise (`entry`, `dts`, or any other option).
 */
export declare function packageBuild(overrides?: Options): Options;
