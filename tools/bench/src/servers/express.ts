// Express 5 with valibot by hand (safeParse in each handler), middleware for the dependencies.
import type { Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
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

interface Locals {
  settings: Settings;
  user: string;
  session: Session;
}

function invalid(res: Response, issues: v.BaseIssue<unknown>[]): void {
  res.status(422).json({ detail: issues.map((issue) => ({ msg: issue.message })) });
}

export const start: StartServer = async (options) => {
  const items = new ItemStore();
  const sessions = new SessionPool();
  const app = express();

  app.get("/hello", (_req, res) => {
    res.json({ message: "Hello World" });
  });

  app.get("/items/:item_id", (req, res) => {
    const params = v.safeParse(ItemParams, req.params);
    const query = v.safeParse(ItemQuery, req.query);
    if (!params.success || !query.success) {
      return invalid(res, [...(params.issues ?? []), ...(query.issues ?? [])]);
    }
    res.json({ item_id: params.output.item_id, q: query.output.q ?? null });
  });

  app.post("/items", express.json(), (req, res) => {
    const body = v.safeParse(ItemIn, req.body);
    if (!body.success) return invalid(res, body.issues);
    res.status(201).json(v.parse(ItemOut, items.create(body.output)));
  });

  const locals = (res: Response) => res.locals as Locals;
  const withSettings = (_req: Request, res: Response, next: NextFunction) => {
    locals(res).settings = loadSettings();
    next();
  };
  const checkToken = (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization !== `Bearer ${locals(res).settings.token}`) {
      res.status(401).set("www-authenticate", "Bearer").json({ detail: "Not authenticated" });
      return;
    }
    locals(res).user = USERNAME;
    next();
  };
  const openSession = (_req: Request, res: Response, next: NextFunction) => {
    const session = sessions.acquire(locals(res).settings);
    locals(res).session = session;
    res.once("close", () => sessions.release(session));
    next();
  };
  app.get("/users/me", withSettings, checkToken, openSession, (_req, res) => {
    res.json(meBody(locals(res).user, locals(res).session));
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const created = app.listen(options.port, options.host, (error?: Error) =>
      error ? reject(error) : resolve(created),
    );
  });
  applyConnectionOptions(server, options);
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return { port, close: () => closeHttp(server) };
};
