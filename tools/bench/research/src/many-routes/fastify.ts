import Fastify from "fastify";

export function fastifyWithRoutes(count: number) {
  const app = Fastify({ logger: false });
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      app.get(`/r${i}/status`, async () => ({ ok: true, route: i }));
    } else {
      app.get<{ Params: { item_id: number }; Querystring: { q?: string } }>(
        `/r${i}/items/:item_id`,
        {
          schema: {
            params: {
              type: "object",
              properties: { item_id: { type: "integer", minimum: 1 } },
              required: ["item_id"],
            },
            querystring: { type: "object", properties: { q: { type: "string" } } },
          },
        },
        async (request) => ({
          route: i,
          item_id: request.params.item_id,
          q: request.query.q ?? null,
        }),
      );
    }
  }
  return app;
}
