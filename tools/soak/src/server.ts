// The soak target as a process of its own, so its RSS is measured alone: serves the soak app
// on 127.0.0.1 (PORT, default a free one) until SIGTERM. `run()` prints "Listening on <url>".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "typhoon";
import { createSoakApp } from "./app";

const tempDir = mkdtempSync(join(tmpdir(), "typhoon-soak-"));
process.on("exit", () => rmSync(tempDir, { recursive: true, force: true }));

await run(createSoakApp({ tempDir }), {
  host: "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  accessLog: false,
  logLevel: "info",
  gracefulTimeout: 5_000,
});
