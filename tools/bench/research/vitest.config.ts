import { project } from "@typhoon-tooling/vitest-preset";
import { defineConfig } from "vitest/config";

// The studies' own tests, run on demand: `pnpm --filter @typhoon-tooling/bench research:test`.
export default defineConfig(project("bench-research"));
