import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshDatabase } from "../../test/support/blog";
import type { Database } from "./database";
import { type Migration, MigrationError, migrate, readMigrations } from "./migrate";

// One database for the file (PGlite, or the DATABASE_URL server); each test empties it first.
let database: Database | undefined;
let folder: string;

beforeEach(async () => {
  database ??= await freshDatabase();
  folder = await mkdtemp(path.join(os.tmpdir(), "blog-migrations-"));
  await sql`drop schema if exists public cascade; create schema public`.execute(db());
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});
afterAll(() => database?.close());

function db() {
  if (database === undefined) throw new Error("no database yet");
  return database.db;
}

async function files(entries: Record<string, string>): Promise<Migration[]> {
  for (const [name, text] of Object.entries(entries))
    await writeFile(path.join(folder, name), text);
  return readMigrations(folder);
}

const tables = async () =>
  (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = 'public' order by table_name`.execute(db())
  ).rows.map((row) => row.name);

describe("migrations", () => {
  it("reads NNNN_name.sql files in name order and ignores the rest", async () => {
    const migrations = await files({
      "0002_b.sql": "create table b (id int);",
      "0001_a.sql": "create table a (id int);",
      "README.md": "not a migration",
      "3_c.sql": "not numbered right",
    });
    expect(migrations.map((m) => m.name)).toEqual(["0001_a.sql", "0002_b.sql"]);
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("applies what is new, once, and records it", async () => {
    const first = await files({
      "0001_a.sql": "create table a (id int); create table a2 (id int);",
    });
    expect(await migrate(db(), first)).toEqual({ applied: ["0001_a.sql"], skipped: [] });
    const both = await files({ "0002_b.sql": "create table b (id int);" });
    expect(await migrate(db(), both)).toEqual({
      applied: ["0002_b.sql"],
      skipped: ["0001_a.sql"],
    });
    expect(await migrate(db(), both)).toEqual({
      applied: [],
      skipped: ["0001_a.sql", "0002_b.sql"],
    });
    expect(await tables()).toEqual(["a", "a2", "b", "schema_migrations"]);
  });

  it("applies nothing when one migration fails (one transaction)", async () => {
    const migrations = await files({
      "0001_a.sql": "create table a (id int);",
      "0002_bad.sql": "create table b (id int); select * from no_such_table;",
    });
    await expect(migrate(db(), migrations)).rejects.toThrow(/no_such_table/);
    expect(await tables()).toEqual([]);
  });

  it("refuses a recorded migration that was edited or that the app lacks", async () => {
    await migrate(db(), await files({ "0001_a.sql": "create table a (id int);" }));
    const edited = await files({ "0001_a.sql": "create table a (id bigint);" });
    await expect(migrate(db(), edited)).rejects.toThrow(
      new MigrationError("migration 0001_a.sql was edited after it was applied"),
    );
    await expect(migrate(db(), [])).rejects.toThrow(
      new MigrationError("the database has migration 0001_a.sql, which this app lacks"),
    );
  });

  it("ships migrations that create the blog's tables", async () => {
    const shipped = await readMigrations(new URL("../../migrations/", import.meta.url));
    await migrate(db(), shipped);
    expect(await tables()).toEqual(["posts", "schema_migrations", "users"]);
  });
});
