// One transport variant in its own process: `node dist/entries/transport-server.js
// <floor|llhttp|llhttp-consume> <port>`. Prints "listening <port>" once ready; SIGTERM
// closes it. Variant (a) is the bench's raw node:http server (entries/server.js raw).
import type { TransportServer } from "../extras/transport-socket";
import { isNetVariant, NET_VARIANTS } from "../extras/transport-variants";

const [name = "", portArg = "0"] = process.argv.slice(2);
if (!isNetVariant(name)) {
  console.error(`unknown transport variant "${name}" (choose from ${NET_VARIANTS.join(", ")})`);
  process.exit(2);
}
const options = { host: "127.0.0.1", port: Number(portArg) };
let server: TransportServer;
if (name === "floor") {
  server = await (await import("../extras/transport-floor")).startFloorServer(options);
} else {
  const { startLlhttpServer } = await import("../extras/transport-llhttp");
  server = await startLlhttpServer({ ...options, consume: name === "llhttp-consume" });
}
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
