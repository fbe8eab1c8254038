// One benchmark server in its own process: `node dist/entries/server.js <name> <port>
// [keepAliveMs] [maxConnections]`. Prints "listening <port>" once ready; SIGTERM closes it.
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

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // Bounded: a server that will not close in time is left to the parent's SIGKILL.
  const timer = setTimeout(() => process.exit(0), 2_000);
  timer.unref();
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
