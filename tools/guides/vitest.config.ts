import { project } from "@typhoon-tooling/vitest-preset";
import { defineConfig } from "vitest/config";

// Runs the guides against the packages' sources (the preset's aliases): no build needed.
export default defineConfig(project("guides"));
