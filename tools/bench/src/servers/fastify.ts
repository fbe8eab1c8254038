// Fastify 5 as its docs recommend: JSON-schema validation (Ajv) on params, query and body,
// response schemas (fast-json-stringify, which also drops unknown keys), hooks for the
// dependency chain of /users/me.
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import {
  type ItemIn,
  ItemStore,
  loadSettings,
  meBody,
  type Session,
  SessionPool,
  type Settings,
  type StartServer,
  USERNAME,
} from "../scenario";
import { applyConnectionOptions } from "./listen";

declare module "fastify" {
  interface FastifyRequest {
    settings: Settings | null;
    session: Session | null;
    user: string | null;
  }
}

const itemOut = {
  type: "object",
  properties: {
    id: { type: "integer" },
    name: { type: "string" },
    price: { type: "number" },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["id", "name", "price", "tags"],
} as const;

export const start: StartServer = async (options) => {
  const items = new ItemStore();
  const sessions = new SessionPool();
  const app = Fastify({ logger: false, keepAliveTimeout: options.keepAliveTimeout ?? 72_000 });
  app.decorateRequest("settings", null);
  app.decorateRequest("session", null);
  app.decorateRequest("user", null);

  app.get(
    "/hello",
    {
      schema: {
        response: { 200: { type: "object", properties: { message: { type: "string" } } } },
      },
    },
    async () => ({ message: "Hello World" }),
  );

  app.get<{ Params: { item_id: number }; Querystring: { q?: string } }>(
    "/items/:item_id",
    {
      schema: {
        params: {
          type: "object",
          properties: { item_id: { type: "integer", minimum: 1 } },
          required: ["item_id"],
        },
        querystring: { type: "object", properties: { q: { type: "string" } } },
        response: {
          200: {
            type: "object",
            properties: { item_id: { type: "integer" }, q: { type: ["string", "null"] } },
          },
        },
      },
    },
    async (request) => ({ item_id: request.params.item_id, q: request.query.q ?? null }),
  );

  app.post<{ Body: ItemIn }>(
    "/items",
    {
      schema: {
        body: {
          type: "object",
          properties: {
            name: { type: "string", minLength: 1, maxLength: 50 },
            price: { type: "number", exclusiveMinimum: 0 },
            tags: { type: "array", items: { type: "string" } },
          },
          required: ["name", "price"],
        },
        response: { 201: itemOut },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return items.create(request.body);
    },
  );

  // The three dependencies as route hooks: settings once per request, the token check and the
  // session both read it, the session is released once the response has been sent.
  const withSettings = async (request: FastifyRequest) => {
    request.settings = loadSettings();
  };
  const checkToken = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.authorization !== `Bearer ${request.settings!.token}`) {
      reply.header("www-authenticate", "Bearer").code(401);
      return reply.send({ detail: "Not authenticated" });
    }
    request.user = USERNAME;
  };
  const openSession = async (request: FastifyRequest) => {
    request.session = sessions.acquire(request.settings!);
  };
  app.get(
    "/users/me",
    {
      preHandler: [withSettings, checkToken, openSession],
      onResponse: async (request) => {
        if (request.session !== null) sessions.release(request.session);
      },
      schema: {
        response: {
          200: {
            type: "object",
            properties: {
              username: { type: "string" },
              tenant: { type: "string" },
              session: { type: "string" },
            },
          },
        },
      },
    },
    async (request) => meBody(request.user!, request.session!),
  );

  applyConnectionOptions(app.server, options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return { port, close: () => app.close() };
};
