import path from "node:path";
import { packageRoot } from "../../src/paths";

/** A study's own process script, built into research/dist by `pnpm research` (not by the build). */
export const researchEntry = (name: string) =>
  path.join(packageRoot(), "research", "dist", "entries", `${name}.js`);
