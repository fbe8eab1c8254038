import { Depends, Typhoon, type TyphoonOptions } from "typhoon";
import { cors, gzip } from "typhoon/middleware";
import { globalGate } from "./gate";
import { basicsRoutes } from "./routes/basics";
import { bodyRoutes } from "./routes/bodies";
import { dependencyRoutes } from "./routes/dependencies";
import { errorRoutes } from "./routes/errors";
import { formRoutes } from "./routes/forms";
import { headerCookieRoutes } from "./routes/headers-cookies";
import { httpLevelRoutes } from "./routes/http-level";
import { noteRoutes } from "./routes/notes";
import { pathParamRoutes } from "./routes/path-params";
import { queryParamRoutes } from "./routes/query-params";
import { responseRoutes } from "./routes/responses";
import { routerRoutes } from "./routes/routers";
import { securityRoutes } from "./routes/security";
import { websocketRoutes } from "./routes/websocket";
import { ReferenceState } from "./state";
import { renderTeapot, TeapotError } from "./teapot";

export const PRELOADED = ["alpha", "beta", "gamma"];

export interface ReferenceAppOptions {
  /** Where errors are logged (default: the console). Tests pass a quiet logger. */
  logger?: TyphoonOptions["logger"];
}

/**
 * Builds the reference app of apps/reference/SPEC.md with its own in-memory state, so every
 * test suite can start from a fresh one. Routes are declared in the spec's order, which routing
 * relies on (`/users/me` before `/users/{user_id}`, the GET `/items/{item_id}` before its PUT).
 */
export function createApp(options: ReferenceAppOptions = {}): {
  app: Typhoon;
  state: ReferenceState;
} {
  const state = new ReferenceState();
  const app = new Typhoon({
    title: "Conformance Reference",
    description: "Reference app for differential HTTP conformance testing.",
    version: "1.0.0",
    dependencies: [Depends(globalGate)],
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    // apps/reference/SPEC.md §1.4: startup sets the flag and preloads the list.
    async *lifespan() {
      state.startupComplete = true;
      state.preloaded = [...PRELOADED];
      yield {};
    },
  });

  app.includeRouter(basicsRoutes(state));
  app.includeRouter(pathParamRoutes());
  app.includeRouter(queryParamRoutes());
  app.includeRouter(headerCookieRoutes());
  app.includeRouter(bodyRoutes());
  app.includeRouter(responseRoutes());
  app.includeRouter(errorRoutes());
  app.includeRouter(noteRoutes(state));
  app.includeRouter(dependencyRoutes(state));
  app.includeRouter(routerRoutes());
  app.includeRouter(securityRoutes());
  app.includeRouter(formRoutes());
  app.includeRouter(httpLevelRoutes());
  app.includeRouter(websocketRoutes());

  app.exceptionHandler(TeapotError, renderTeapot);

  // apps/reference/SPEC.md §1.2, outermost first: CORS, then GZip. The last added middleware is
  // the outermost.
  app.addMiddleware(gzip({ minimumSize: 1000 }));
  app.addMiddleware(
    cors({
      allowOrigins: ["https://allowed.example"],
      allowMethods: ["GET", "POST", "PUT"],
      allowHeaders: ["X-Custom", "Content-Type"],
      allowCredentials: true,
      exposeHeaders: ["X-Request-Id"],
      maxAge: 600,
    }),
  );

  return { app, state };
}

/** The app `main.ts` serves. */
export const { app, state } = createApp();
