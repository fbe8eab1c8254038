// Resolved from this module: src/paths.ts in dev and tests, dist/main.js once bundled. Both
// sit one level below the package, beside migrations/.
export const MIGRATIONS_DIR = new URL("../migrations/", import.meta.url);
