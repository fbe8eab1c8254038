import type { ControlledTransaction } from "kysely";
import { Depends, dependency, Request } from "typhoon";
import type { Database } from "./database";
import type { BlogSchema } from "./schema";

/**
 * One request's unit of work: every query of the request runs in `db`, a transaction that
 * the `getSession` dependency commits when the handler succeeds and rolls back when it fails.
 * Routes ask for it with `SessionDep`, so the commit lands before the response is sent.
 */
export class Session {
  readonly db: ControlledTransaction<BlogSchema>;
  readonly #afterCommit: Array<() => void> = [];

  constructor(db: ControlledTransaction<BlogSchema>) {
    this.db = db;
  }

  /** Runs `fn` once the transaction has committed (never if it rolls back): notify others here. */
  afterCommit(fn: () => void): void {
    this.#afterCommit.push(fn);
  }

  /** Called by `getSession` after COMMIT; a failing callback is logged, the others still run. */
  committed(): void {
    for (const fn of this.#afterCommit.splice(0)) {
      try {
        fn();
      } catch (error) {
        console.error("afterCommit callback failed", error);
      }
    }
  }
}

/**
 * The open database, put into the lifespan state at startup. Tests replace this provider
 * (`app.dependencyOverrides.set(getDatabase, () => freshDatabase)`).
 */
export const getDatabase = dependency({ request: Request }, ({ request }): Database => {
  const database = request.state.database as Database | undefined;
  if (database === undefined) {
    throw new Error("The database is not open: serve the app with its lifespan (run/serve)");
  }
  return database;
});

/** A transaction per request: commit on success, rollback on error (FastAPI's `get_db`). */
export const getSession = dependency(
  { database: Depends(getDatabase) },
  async function* getSession({ database }) {
    const trx = await database.db.startTransaction().execute();
    const session = new Session(trx);
    try {
      yield session;
    } catch (error) {
      // The handler's error is what the client hears about; a failed rollback is only logged.
      await trx
        .rollback()
        .execute()
        .catch((rollbackError) => console.error("rollback failed", rollbackError));
      throw error;
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      // A failed COMMIT keeps the connection: the rollback releases it.
      await trx
        .rollback()
        .execute()
        .catch(() => {});
      throw error;
    }
    session.committed();
  },
);

/**
 * How routes and dependencies ask for the session (FastAPI's `SessionDep`). Function scope:
 * the COMMIT runs as soon as the handler returns, before the response is sent, so a client
 * never sees a 2xx for a write that failed to commit (it gets the error instead), and its next
 * request always sees the write. Every use must share this scope: the request's session is
 * cached, and the first use resolved decides when it commits, so one `Depends(getSession)`
 * with the default request scope would move the commit after the response again.
 */
export const SessionDep = Depends(getSession, { scope: "function" });
