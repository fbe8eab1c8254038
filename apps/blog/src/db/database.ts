import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect";
import type { BlogSchema } from "./schema";

export type BlogDb = Kysely<BlogSchema>;

/** An open database: the Kysely handle every query goes through, and how to close it. */
export interface Database {
  readonly kind: "pglite" | "postgres";
  /** Where the data lives, for logs (a password in a URL is masked). */
  readonly location: string;
  readonly db: BlogDb;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://...`: a PostgreSQL server. Without it, the embedded PGlite. */
  url?: string | undefined;
  /** PGlite's data folder (created if missing); `"memory://"` keeps everything in memory. */
  dataDir?: string;
  /** A PGlite instance to use as is (tests load one from a migrated template). */
  pglite?: PGlite;
  /** Most pooled connections to the server (default 10). */
  poolSize?: number;
}

/** Opens PostgreSQL (`url`) or PGlite (`dataDir`, an instance, or memory) behind Kysely. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.url !== undefined) return openPostgres(options.url, options.poolSize ?? 10);
  if (options.pglite !== undefined) return fromPGlite(options.pglite, "PGlite (given instance)");
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  return fromPGlite(pglite, dataDir.startsWith("memory://") ? "PGlite in memory" : dataDir);
}

function fromPGlite(pglite: PGlite, location: string): Database {
  const db = new Kysely<BlogSchema>({ dialect: new PGliteDialect({ pglite }) });
  return { kind: "pglite", location, db, close: () => db.destroy() };
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error(`PostgreSQL idle client error: ${error.message}`));
  const db = new Kysely<BlogSchema>({ dialect: new PostgresDialect({ pool }) });
  return { kind: "postgres", location: maskPassword(url), db, close: () => db.destroy() };
}

export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable database URL)";
  }
}
