// A migrated template database, made once per test run by the global setup; every test then
// gets its own copy (PGlite: a new instance loaded from the template's dump; PostgreSQL:
// CREATE DATABASE ... TEMPLATE).
import { randomBytes } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type Database, openDatabase } from "../../src/db/database";
import { migrate, readMigrations } from "../../src/db/migrate";
import { MIGRATIONS_DIR } from "../../src/paths";

/** Where the template is: a PGlite dump file, or a PostgreSQL database name. */
export type TemplateRef = { kind: "pglite"; file: string } | { kind: "postgres"; database: string };

export async function createTemplate(serverUrl: string | undefined): Promise<TemplateRef> {
  const migrations = await readMigrations(MIGRATIONS_DIR);
  if (serverUrl === undefined) {
    const pglite = await PGlite.create();
    const database = await openDatabase({ pglite });
    await migrate(database.db, migrations);
    // A test's database is tiny: small shared buffers make each copy start about a third faster.
    await pglite.exec("ALTER SYSTEM SET shared_buffers = '8MB'");
    const dump = await pglite.dumpDataDir("none");
    const file = path.join(os.tmpdir(), `typhoon-blog-template-${process.pid}-${suffix()}.tar`);
    await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
    await database.close();
    return { kind: "pglite", file };
  }
  const name = `blog_template_${suffix()}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const database = await openDatabase({ url: withDatabase(serverUrl, name), poolSize: 1 });
  try {
    await migrate(database.db, migrations);
  } finally {
    await database.close();
  }
  return { kind: "postgres", database: name };
}

export async function dropTemplate(serverUrl: string | undefined, ref: TemplateRef): Promise<void> {
  if (ref.kind === "pglite") await rm(ref.file, { force: true });
  else await admin(serverUrl as string, `DROP DATABASE IF EXISTS ${ref.database} WITH (FORCE)`);
}

/** A database of its own for one test, with the schema already migrated. */
export async function copyOfTemplate(
  serverUrl: string | undefined,
  ref: TemplateRef,
): Promise<Database> {
  if (ref.kind === "pglite") {
    const dump = new Blob([await readFile(ref.file)]);
    return openDatabase({ pglite: await PGlite.create({ loadDataDir: dump }) });
  }
  const url = serverUrl as string;
  const name = `blog_test_${suffix()}`;
  await admin(url, `CREATE DATABASE ${name} TEMPLATE ${ref.database}`);
  const database = await openDatabase({ url: withDatabase(url, name), poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** An empty database on the server (the app's own migrations fill it), and how to drop it. */
export async function emptyDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `blog_empty_${suffix()}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

// Names are made here from hex digits only, so they are safe to put in the SQL text.
function suffix(): string {
  return randomBytes(6).toString("hex");
}

export function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
