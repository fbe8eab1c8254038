import { Typhoon, type TyphoonOptions } from "typhoon";
import { cors } from "typhoon/middleware";
import { JSONResponse } from "typhoon/responses";
import { dashboardRouter } from "./dashboard/routes";
import { DatabaseBusyError } from "./db/connection-lock";
import { type Database, openDatabase } from "./db/database";
import { migrate, readMigrations } from "./db/migrate";
import { liveRouter } from "./live/routes";
import { requestId } from "./middleware/request-id";
import { timing } from "./middleware/timing";
import { MIGRATIONS_DIR } from "./paths";
import { postsRouter } from "./posts/routes";
import { getSettings, type Settings, settingsFromEnvironment } from "./settings";
import { adminRouter } from "./users/admin-routes";
import { usersRouter } from "./users/routes";

export interface BlogOptions {
  /** Default: read from the environment and `.env`. */
  settings?: Settings;
  /** Where startup and request lines go (default console.log); `null` for silence. */
  log?: ((line: string) => void) | null;
  /** The app's logger for errors (default: the console). */
  logger?: TyphoonOptions["logger"];
}

/**
 * The blog API. Its lifespan opens the database (PGlite, or PostgreSQL with DATABASE_URL),
 * applies the migrations and closes it at shutdown; every route reads it through DI.
 */
export function createApp(options: BlogOptions = {}): Typhoon {
  const settings = options.settings ?? settingsFromEnvironment();
  const log = options.log === null ? undefined : (options.log ?? console.log);

  const app = new Typhoon({
    title: settings.app_name,
    version: "1.0.0",
    description: "A blog API: accounts and JWT login, posts, live updates, a dashboard.",
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    lifespan: async function* () {
      const database = await openDatabase(
        settings.database_url === undefined
          ? { dataDir: settings.data_dir }
          : { url: settings.database_url },
      );
      try {
        const { applied } = await migrate(database.db, await readMigrations(MIGRATIONS_DIR));
        log?.(`Database: ${database.location} (${applied.length} migrations applied)`);
        yield { database } satisfies { database: Database };
      } finally {
        await database.close();
      }
    },
  });
  // The routes read settings through `getSettings`: bind them to the ones this app was built with.
  app.dependencyOverrides.set(getSettings, () => settings);

  const api = "/api/v1";
  app.includeRouter(usersRouter, { prefix: api });
  app.includeRouter(adminRouter, { prefix: api });
  app.includeRouter(postsRouter, { prefix: api });
  app.includeRouter(dashboardRouter, { prefix: api });
  app.includeRouter(liveRouter, { prefix: api });
  app.get("/health", { tags: ["health"], summary: "Liveness" }, () => ({ status: "ok" }));

  // The embedded database is one connection: a long queue for it is a 503, not a hang.
  app.exceptionHandler(
    DatabaseBusyError,
    () =>
      new JSONResponse(
        { detail: "Database busy, try again" },
        { status: 503, headers: { "retry-after": "1" } },
      ),
  );

  // The last added is the outermost: request id first, then CORS, then timing.
  app.addMiddleware(timing(settings.log_requests && log ? { log } : {}));
  app.addMiddleware(
    cors({
      allowOrigins: settings.cors_origins,
      allowMethods: ["GET", "POST", "PATCH", "DELETE"],
      allowHeaders: ["Authorization", "Content-Type", "X-Request-Id"],
      exposeHeaders: ["X-Request-Id", "Server-Timing"],
    }),
  );
  app.addMiddleware(requestId());
  return app;
}
