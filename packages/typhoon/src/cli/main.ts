#!/usr/bin/env node
// The `typhoon` executable (built to dist/cli.js). Everything testable lives in ./cli.
import { fileURLToPath } from "node:url";
import { main } from "./cli";

const result = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  entry: fileURLToPath(import.meta.url),
});

if (result !== "running") {
  // Exit even if the imported module left handles open, but only once the output is flushed
  // (pipes are asynchronous on some platforms).
  process.stdout.write("", () => process.stderr.write("", () => process.exit(result)));
}
