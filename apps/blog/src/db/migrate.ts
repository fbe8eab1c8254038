import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, sql } from "kysely";
import type { BlogSchema } from "./schema";

/** One SQL file of the migrations folder. */
export interface Migration {
  /** The file name, e.g. `0002_posts.sql`: applied in name order, recorded by name. */
  readonly name: string;
  readonly sql: string;
  /** sha256 of the text: a file edited after it was applied is refused. */
  readonly checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;
const MAX_MIGRATIONS = 1000;
// Any fixed number: concurrent starters (workers, replicas) take turns on it.
const ADVISORY_LOCK_KEY = 7_112_026;

/** Reads `NNNN_name.sql` files, sorted by name; other files are ignored. */
export async function readMigrations(folder: string | URL): Promise<Migration[]> {
  const dir = folder instanceof URL ? fileURLToPath(folder) : path.resolve(folder);
  const names = (await readdir(dir)).filter((name) => MIGRATION_FILE.test(name)).sort();
  if (names.length > MAX_MIGRATIONS)
    throw new MigrationError(`too many migration files (${names.length} > ${MAX_MIGRATIONS})`);
  const migrations: Migration[] = [];
  for (const name of names) {
    const text = await readFile(path.join(dir, name), "utf8");
    migrations.push({ name, sql: text, checksum: sha256(text) });
  }
  return migrations;
}

export interface MigrateResult {
  /** Names applied by this call, in order. */
  readonly applied: string[];
  /** Names that were already recorded. */
  readonly skipped: string[];
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in one transaction: either
 * all of them are applied and recorded, or none. A recorded migration whose file changed, or
 * that this app does not have, stops the start (the database is newer or was edited).
 */
export async function migrate(
  db: Kysely<BlogSchema>,
  migrations: readonly Migration[],
): Promise<MigrateResult> {
  const trx = await db.startTransaction().execute();
  try {
    await sql`select pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const recorded = await trx
      .selectFrom("schema_migrations")
      .select(["name", "checksum"])
      .orderBy("name")
      .execute();
    const known = new Map(migrations.map((m) => [m.name, m]));
    for (const row of recorded) {
      const migration = known.get(row.name);
      if (migration === undefined)
        throw new MigrationError(`the database has migration ${row.name}, which this app lacks`);
      if (migration.checksum !== row.checksum)
        throw new MigrationError(`migration ${row.name} was edited after it was applied`);
    }
    const done = new Set(recorded.map((row) => row.name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await sql.raw(migration.sql).execute(trx);
      await trx
        .insertInto("schema_migrations")
        .values({ name: migration.name, checksum: migration.checksum })
        .execute();
      applied.push(migration.name);
    }
    await trx.commit().execute();
    return { applied, skipped: [...done] };
  } catch (error) {
    // The migration's own error is the one worth reporting, not a failed rollback's.
    await trx
      .rollback()
      .execute()
      .catch(() => {});
    throw error;
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
