// One transport variant in its own process: `node dist/entries/transport-server.js
// <floor|llhttp|llhttp-consume> <port>`. Prints "listening <port>" once ready; SIGTERM
// closes it. Variant (a) is the bench's raw node:http server (entries/server.js raw).

import { stopOnSignal } from "../../../src/process/stop-on-signal";
import type { TransportServer } from "../transport-socket";
import { isNetVariant, NET_VARIANTS } from "../transport-variants";

const [name = "", portArg = "0"] = process.argv.slice(2);
if (!isNetVariant(name)) {
  console.error(`unknown transport variant "${name}" (choose from ${NET_VARIANTS.join(", ")})`);
  process.exit(2);
}
const options = { host: "127.0.0.1", port: Number(portArg) };
let server: TransportServer;
if (name === "floor") {
  server = await (await import("../transport-floor")).startFloorServer(options);
} else {
  const { startLlhttpServer } = await import("../transport-llhttp");
  server = await startLlhttpServer({ ...options, consume: name === "llhttp-consume" });
}
console.log(`listening ${server.port}`);
stopOnSignal(server);
