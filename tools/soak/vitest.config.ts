import { project } from "@typhoon-tooling/vitest-preset";
import { defineConfig } from "vitest/config";

// The short soak of `pnpm test`, against the packages' sources (the preset's aliases).
export default defineConfig(project("soak"));
