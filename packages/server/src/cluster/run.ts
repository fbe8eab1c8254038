import cluster from "node:cluster";
import { consoleLogger, type Logger } from "../logger";
import type { ServeOptions } from "../node/options";
import { type ServerHandle, serve } from "../node/serve";
import type { ServerApp } from "../types";
import {
  STARTUP_FAILED_EXIT_CODE,
  type WorkerRestartOptions,
  WorkerSupervisor,
} from "./supervisor";

export interface RunOptions extends ServeOptions {
  /** Processes serving the app; above 1 the primary forks workers with `node:cluster`. Default 1. */
  workers?: number;
  /** Restart policy for workers that die unexpectedly (only with `workers` > 1). */
  restart?: WorkerRestartOptions;
}

const DEFAULT_RESTART: Required<WorkerRestartOptions> = {
  initialDelay: 250,
  maxDelay: 10_000,
  resetAfter: 30_000,
  maxFastCrashes: 5,
};

const SIGNALS: NodeJS.Signals[] = ["SIGTERM", "SIGINT"];

/**
 * The process-level entry shared by the CLI and users: serves the app, and on SIGTERM/SIGINT
 * closes gracefully and exits 0; a startup failure prints the error and exits 1. With
 * `workers` > 1 the primary process supervises that many workers, each running this same
 * entry. Resolves with the server's handle once it listens (`null` in a `workers` primary,
 * once the workers are forked).
 */
export async function run(app: ServerApp, options: RunOptions = {}): Promise<ServerHandle | null> {
  const workers = options.workers ?? 1;
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be an integer >= 1 (got ${String(workers)})`);
  }
  const logger = options.logger ?? consoleLogger(options.logLevel ?? "info");
  if (workers > 1 && cluster.isPrimary) {
    runPrimary(workers, options, logger);
    return null; // the primary serves nothing itself
  }
  return runServer(app, { ...options, logger });
}

function runPrimary(workers: number, options: RunOptions, logger: Logger): void {
  // Workers accept from the shared socket themselves (SCHED_NONE). With Node's default
  // round-robin the primary accepts and hands each connection over, and a connection handed
  // to a worker that hangs and then dies is never answered nor closed.
  if (process.env.NODE_CLUSTER_SCHED_POLICY === undefined)
    cluster.schedulingPolicy = cluster.SCHED_NONE;
  logger.info(`Started primary process ${process.pid} with ${workers} workers`);
  const supervisor = new WorkerSupervisor({
    workers,
    restart: { ...DEFAULT_RESTART, ...options.restart },
    // A worker's own graceful close is bounded by gracefulTimeout; leave it some slack.
    stopTimeout: (options.gracefulTimeout ?? 10_000) + 5_000,
    logger,
  });
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      logger.info(`Received ${signal}; stopping workers`);
      supervisor.stop(signal);
    });
  }
  supervisor.start();
  void supervisor.done.then((code) => {
    logger.info(`Primary process ${process.pid} exiting`);
    process.exit(code);
  });
}

async function runServer(
  app: ServerApp,
  options: ServeOptions & { logger: Logger },
): Promise<ServerHandle> {
  const { logger } = options;
  let handle: ServerHandle;
  try {
    handle = await serve(app, options);
  } catch (error) {
    logger.error("Application startup failed; exiting", error);
    process.exit(cluster.isWorker ? STARTUP_FAILED_EXIT_CODE : 1);
  }
  let stopping = false;
  const stop = (reason: string): void => {
    // A second signal (a terminal sends SIGINT to the whole group, the primary forwards it
    // again) must not cut the graceful close short.
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}; shutting down gracefully`);
    handle.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("Graceful shutdown failed", error);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, () => stop(`Received ${signal}`));
  // A worker whose primary went away has no one to answer to.
  if (cluster.isWorker) process.on("disconnect", () => stop("Primary process disconnected"));
  return handle;
}
