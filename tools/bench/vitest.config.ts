import { project } from "@typhoon-tooling/vitest-preset";
import { defineConfig } from "vitest/config";

// Runs against the packages' sources (the preset's aliases): no build needed for the test.
export default defineConfig(project("bench"));
