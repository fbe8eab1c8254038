// `node many-routes-server.js <typhoon|fastify|node> <port>`: a 1,000-route app (or a bare
// node:http server, the floor) whose spawn → first response time the startup command measures.
// Each kind imports only its own framework.
import { createServer } from "node:http";
import { ROUTE_COUNT } from "../many-routes/constants";

const [kind = "", portArg = "0"] = process.argv.slice(2);
const port = Number(portArg);
const host = "127.0.0.1";

if (kind === "typhoon") {
  const { serve } = await import("typhoon");
  const { typhoonWithRoutes } = await import("../many-routes/typhoon");
  await serve(typhoonWithRoutes(ROUTE_COUNT), { host, port, accessLog: false, logLevel: "warn" });
} else if (kind === "fastify") {
  const { fastifyWithRoutes } = await import("../many-routes/fastify");
  await fastifyWithRoutes(ROUTE_COUNT).listen({ host, port });
} else if (kind === "node") {
  createServer((_req, res) => res.end("{}")).listen(port, host);
} else {
  console.error(`unknown kind "${kind}"`);
  process.exit(2);
}
process.on("SIGTERM", () => process.exit(0));
