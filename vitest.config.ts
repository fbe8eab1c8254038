import { defineConfig } from "vitest/config";

// One run covers every package and app (each has its own vitest.config.ts project).
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/*.test-d.ts", "**/index.ts", "**/types.ts"],
      reporter: ["text-summary", "json-summary"],
    },
  },
});
