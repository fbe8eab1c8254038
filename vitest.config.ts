import { defineConfig } from "vitest/config";

// One run covers every package and app (each has its own vitest.config.ts project).
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tools/guides", "tools/soak"],
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/*.test-d.ts", "**/index.ts", "**/types.ts"],
      reporter: ["text-summary", "json-summary"],
      // The request pipeline's packages keep 90% line coverage: the run fails below it.
      thresholds: {
        "packages/router/src/**": { lines: 90 },
        "packages/validation/src/**": { lines: 90 },
        "packages/di/src/**": { lines: 90 },
        "packages/typhoon/src/**": { lines: 90 },
      },
    },
  },
});
