import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TestClient } from "typhoon/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { getMailer } from "../src/mail/mailer";
import { login, register, testSettings } from "./support/blog";
import { emptyDatabase } from "./support/template";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Where the app keeps its data: a PGlite folder, or an empty database on DATABASE_URL. */
async function storage(): Promise<Record<string, string>> {
  const server = process.env.DATABASE_URL;
  if (server) {
    const database = await emptyDatabase(server);
    cleanups.push(database.drop);
    return { DATABASE_URL: database.url };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "blog-data-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { DATA_DIR: path.join(dir, "pglite") };
}

/** The app as `run()` starts it: its lifespan opens and migrates the database. */
async function start(env: Record<string, string>, lines: string[]) {
  const app = createApp({ settings: testSettings(env), log: (line) => lines.push(line) });
  app.dependencyOverrides.set(getMailer, () => ({ send: async () => {} }));
  return TestClient.start(app);
}

describe("the lifespan", () => {
  it("opens the configured database, migrates it once, and the data outlives a restart", async () => {
    const env = await storage();
    const lines: string[] = [];
    {
      await using client = await start(env, lines);
      await register(client, "ann@example.com");
      const headers = await login(client, "ann@example.com");
      const res = await client.post("/api/v1/posts", {
        headers,
        json: { title: "Persisted", body: "b", published: true },
      });
      expect(res.status).toBe(201);
    }
    {
      await using client = await start(env, lines);
      const posts = (await client.get("/api/v1/posts")).json();
      expect(posts.items.map((p: { title: string }) => p.title)).toEqual(["Persisted"]);
    }
    const kind = process.env.DATABASE_URL ? /^Database: postgres/ : /^Database: .*pglite/;
    expect(lines).toEqual([expect.stringMatching(kind), expect.stringMatching(kind)]);
    expect(lines[0]).toContain("(2 migrations applied)");
    expect(lines[1]).toContain("(0 migrations applied)");
  }, 60_000); // two app starts on PGlite: seconds each on a busy machine

  it("fails the startup with the database's error when it cannot be opened", async () => {
    const app = createApp({
      settings: testSettings({ DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" }),
      log: null,
      logger: { info() {}, warn() {}, error() {} },
    });
    await expect(TestClient.start(app)).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
