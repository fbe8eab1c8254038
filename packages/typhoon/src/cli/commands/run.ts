import cluster from "node:cluster";
import type { RunOptions } from "@typhoon/server";
import { run } from "../../serve";
import type { CliContext } from "../context";
import { docsUrl } from "../docs-url";
import { loadApp, toServerAppOrFail } from "../load-app";
import type { ServerFlags } from "../options";

export interface RunCommand {
  target: string;
  server: ServerFlags;
  workers: number;
}

/** Set by `typhoon dev` on its child, which must not outlive the watcher that started it. */
export const DEV_CHILD_ENV = "TYPHOON_DEV_CHILD";

/** `typhoon run`: import the app, serve it until SIGTERM/SIGINT, print the docs URL. */
export async function runCommand(command: RunCommand, ctx: CliContext): Promise<"running"> {
  const loaded = await loadApp(command.target, ctx.cwd);
  const app = toServerAppOrFail(loaded);
  const { host, port, logLevel, rootPath } = command.server;
  const options: RunOptions = { host, port, logLevel, workers: command.workers };
  if (rootPath !== undefined) options.rootPath = rootPath;
  if (ctx.env[DEV_CHILD_ENV] === "1" && process.send !== undefined) {
    // The IPC channel closes when the dev process dies, even by SIGKILL: stop gracefully then.
    process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
  }
  const handle = await (ctx.run ?? run)(app, options);
  const talkative = logLevel === "debug" || logLevel === "info";
  // Workers re-run this command; the primary speaks for them. With port 0 only the server's
  // handle knows the port (a workers primary has none: it then says nothing).
  const url = handle ? `${handle.url}/docs` : port !== 0 ? docsUrl(host, port) : null;
  if (talkative && cluster.isPrimary && url !== null) {
    ctx.stdout(`Serving ${loaded.label}; API docs at ${url}\n`);
  }
  return "running";
}
