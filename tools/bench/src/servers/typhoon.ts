// Typhoon as a user writes it: markers with valibot schemas, a response model, DI with a
// cached sub-dependency and a generator dependency. Imports the built umbrella package.
import { Depends, dependency, Header, HTTPException, Path, Query, serve, Typhoon } from "typhoon";
import * as v from "valibot";
import {
  ItemStore,
  loadSettings,
  meBody,
  SessionPool,
  type StartServer,
  USERNAME,
} from "../scenario";

const quiet = { info() {}, warn() {}, error() {} };

const ItemIn = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(50)),
  price: v.pipe(v.number(), v.gtValue(0)),
  tags: v.optional(v.array(v.string())),
});

const ItemOut = v.object({
  id: v.number(),
  name: v.string(),
  price: v.number(),
  tags: v.array(v.string()),
});

/** The app with the five benchmark routes (the 404 is Typhoon's own). */
export function createApp(): Typhoon {
  const items = new ItemStore();
  const sessions = new SessionPool();
  const app = new Typhoon({ title: "bench", logger: quiet });

  app.get("/hello", () => ({ message: "Hello World" }));

  app.get(
    "/items/{item_id}",
    {
      params: {
        item_id: Path(v.pipe(v.number(), v.integer(), v.minValue(1))),
        q: Query(v.optional(v.string())),
      },
    },
    ({ item_id, q }) => ({ item_id, q: q ?? null }),
  );

  app.post("/items", { params: { item: ItemIn }, response: ItemOut, status: 201 }, ({ item }) =>
    items.create(item),
  );

  // Cached per request by provider identity: the token check and the session share one call.
  const settings = dependency(() => loadSettings());
  const currentUser = dependency(
    { authorization: Header(v.optional(v.string())), settings: Depends(settings) },
    ({ authorization, settings }) => {
      if (authorization !== `Bearer ${settings.token}`) {
        throw new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
      }
      return USERNAME;
    },
  );
  const session = dependency({ settings: Depends(settings) }, function* ({ settings }) {
    const opened = sessions.acquire(settings);
    try {
      yield opened;
    } finally {
      sessions.release(opened);
    }
  });
  app.get(
    "/users/me",
    { params: { user: Depends(currentUser), session: Depends(session) } },
    ({ user, session }) => meBody(user, session),
  );
  return app;
}

export const start: StartServer = async (options) => {
  const handle = await serve(createApp(), {
    host: options.host,
    port: options.port,
    accessLog: false,
    logger: quiet,
    gracefulTimeout: 1_000,
    limits: {
      ...(options.keepAliveTimeout !== undefined && {
        keepAliveTimeout: options.keepAliveTimeout,
        headersTimeout: Math.min(options.keepAliveTimeout + 1_000, 300_000),
      }),
      ...(options.maxConnections !== undefined && { maxConnections: options.maxConnections }),
    },
  });
  return { port: handle.port, close: () => handle.close() };
};
