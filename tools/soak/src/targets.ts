/**
 * What a soak can drive: the soak's own app (`app`, the default and what `pnpm test` runs)
 * or apps/blog (`blog`: PGlite in memory, a throwaway secret). Each target knows how to start
 * its server, how to get a token, and its traffic mix.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BLOG_MIX, blogToken } from "./blog-traffic";
import { type SoakServer, startServerProcess } from "./server-process";
import { APP_MIX, appToken, type Operation, type TrafficContext } from "./traffic";

export interface SoakTarget {
  name: "app" | "blog";
  start(): Promise<SoakServer>;
  token(ctx: Pick<TrafficContext, "baseUrl" | "agent">): Promise<string>;
  mix: ReadonlyArray<Operation>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../..");

export const TARGETS: Record<SoakTarget["name"], SoakTarget> = {
  app: {
    name: "app",
    start: () =>
      startServerProcess({ entry: path.join(here, "server.ts"), cwd: here, env: { PORT: "0" } }),
    token: appToken,
    mix: APP_MIX,
  },
  blog: {
    name: "blog",
    start: () =>
      startServerProcess({
        entry: path.join(repoRoot, "apps/blog/src/main.ts"),
        // An empty folder: no stray .env is read.
        cwd: mkdtempSync(path.join(tmpdir(), "typhoon-soak-blog-")),
        env: {
          HOST: "127.0.0.1",
          PORT: "0",
          DATA_DIR: "memory://",
          SECRET_KEY: `soak-${"s".repeat(40)}`,
          PASSWORD_HASH_COST: "10",
          LOG_REQUESTS: "false",
        },
      }),
    token: blogToken,
    mix: BLOG_MIX,
  },
};
