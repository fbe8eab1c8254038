// `node typhoon-workers.js <port> <workers>`: the benchmark's Typhoon app through run(), the
// process entry that forks `workers` processes with node:cluster when above 1.
import { run } from "typhoon";
import { createApp } from "../../../src/servers/typhoon";

const port = Number(process.argv[2]);
const workers = Math.min(Math.max(Number(process.argv[3] ?? 1), 1), 16);
const quiet = { info() {}, warn() {}, error() {} };
await run(createApp(), {
  host: "127.0.0.1",
  port,
  workers,
  accessLog: false,
  logger: quiet,
  gracefulTimeout: 1_000,
});
