import type { PGlite, Results } from "@electric-sql/pglite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { ConnectionLock, type ConnectionLockOptions } from "./connection-lock";

export interface PGliteDialectOptions extends ConnectionLockOptions {
  /** The embedded database. Kysely's `destroy()` closes it. */
  pglite: PGlite;
}

/**
 * Kysely over PGlite: the Postgres adapter, compiler and introspector, with a driver that
 * runs the compiled SQL on the embedded database. The same queries run on `pg` unchanged.
 */
export class PGliteDialect implements Dialect {
  readonly #options: PGliteDialectOptions;

  constructor(options: PGliteDialectOptions) {
    this.#options = options;
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#options);
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #lock: ConnectionLock;
  readonly #connection: PGliteConnection;

  constructor(options: PGliteDialectOptions) {
    this.#pglite = options.pglite;
    this.#lock = new ConnectionLock(options);
    this.#connection = new PGliteConnection(options.pglite);
  }

  async init(): Promise<void> {}

  // One session: a caller owns it from acquire to release (a whole transaction, or one query).
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    let begin = "begin";
    if (settings.isolationLevel) begin += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode) begin += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(begin));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async destroy(): Promise<void> {
    if (!this.#pglite.closed) await this.#pglite.close();
  }
}

const WRITES = new Set(["INSERT", "UPDATE", "DELETE", "MERGE"]);

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters, the simple protocol, as node-postgres does: a migration file with
    // several statements runs the same way on both drivers.
    const result: Results | undefined =
      compiled.parameters.length === 0
        ? (await this.#pglite.exec(compiled.sql)).at(-1)
        : await this.#pglite.query(compiled.sql, [...compiled.parameters]);
    if (result === undefined) return { rows: [] };
    const rows = result.rows as R[];
    const command = result.command?.toUpperCase();
    if (command !== undefined && WRITES.has(command)) {
      return { rows, numAffectedRows: BigInt(result.affectedRows ?? 0) };
    }
    return { rows };
  }

  // biome-ignore lint/correctness/useYield: streaming is refused before any row is produced.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("The PGlite dialect does not stream query results");
  }
}
