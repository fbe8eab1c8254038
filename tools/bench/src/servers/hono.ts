// Hono on @hono/node-server with @hono/valibot-validator, middleware for the dependency chain.
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { vValidator } from "@hono/valibot-validator";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import {
  ItemStore,
  loadSettings,
  meBody,
  type Session,
  SessionPool,
  type Settings,
  type StartServer,
  USERNAME,
} from "../scenario";
import { applyConnectionOptions, closeHttp } from "./listen";
import { ItemIn, ItemOut, ItemParams, ItemQuery } from "./valibot-schemas";

type Env = { Variables: { settings: Settings; user: string; session: Session } };

export const start: StartServer = async (options) => {
  const items = new ItemStore();
  const sessions = new SessionPool();
  const app = new Hono<Env>();

  app.get("/hello", (c) => c.json({ message: "Hello World" }));

  app.get("/items/:item_id", vValidator("param", ItemParams), vValidator("query", ItemQuery), (c) =>
    c.json({ item_id: c.req.valid("param").item_id, q: c.req.valid("query").q ?? null }),
  );

  app.post("/items", vValidator("json", ItemIn), (c) =>
    c.json(v.parse(ItemOut, items.create(c.req.valid("json"))), 201),
  );

  const withSettings = createMiddleware<Env>(async (c, next) => {
    c.set("settings", loadSettings());
    await next();
  });
  const checkToken = createMiddleware<Env>(async (c, next) => {
    if (c.req.header("authorization") !== `Bearer ${c.get("settings").token}`) {
      return c.json({ detail: "Not authenticated" }, 401, { "www-authenticate": "Bearer" });
    }
    c.set("user", USERNAME);
    await next();
  });
  const openSession = createMiddleware<Env>(async (c, next) => {
    const session = sessions.acquire(c.get("settings"));
    c.set("session", session);
    try {
      await next();
    } finally {
      // Hono has no "after the response was sent" hook: release once the handler is done.
      sessions.release(session);
    }
  });
  app.get("/users/me", withSettings, checkToken, openSession, (c) =>
    c.json(meBody(c.get("user"), c.get("session"))),
  );

  const server = await new Promise<Server>((resolve) => {
    const created = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () =>
      resolve(created as Server),
    ) as Server;
  });
  applyConnectionOptions(server, options);
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return { port, close: () => closeHttp(server) };
};
