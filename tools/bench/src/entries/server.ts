// One benchmark server in its own process: `node dist/entries/server.js <name> <port>
// [keepAliveMs] [maxConnections]`. Prints "listening <port>" once ready; SIGTERM closes it.

import { stopOnSignal } from "../process/stop-on-signal";
import { isNodeServer, loadServer } from "../servers/registry";

const [name = "", portArg = "0", keepAliveArg, maxConnectionsArg] = process.argv.slice(2);
if (!isNodeServer(name)) {
  console.error(`unknown server "${name}"`);
  process.exit(2);
}
const optionalInt = (value: string | undefined) => (value ? Number(value) : undefined);
const start = await loadServer(name);
const server = await start({
  host: "127.0.0.1",
  port: Number(portArg),
  keepAliveTimeout: optionalInt(keepAliveArg),
  maxConnections: optionalInt(maxConnectionsArg),
});
console.log(`listening ${server.port}`);
stopOnSignal(server);
