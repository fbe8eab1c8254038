import { project } from "@typhoon-tooling/vitest-preset";
import { defineConfig } from "vitest/config";

// The global setup migrates one template database; each test copies it (fresh per test).
export default defineConfig(project("blog", { globalSetup: ["test/support/global-setup.ts"] }));
