import cluster, { type Worker } from "node:cluster";
import type { Logger } from "../logger";

/** Exit code a worker uses when its startup failed: restarting it would fail again. */
export const STARTUP_FAILED_EXIT_CODE = 3;

/** How the primary restarts workers that die unexpectedly. */
export interface WorkerRestartOptions {
  /** Milliseconds before the first restart; doubles on each fast crash. Default 250. */
  initialDelay?: number;
  /** Upper bound of the restart delay, in milliseconds. Default 10 s. */
  maxDelay?: number;
  /** A worker that stayed up this long (ms) counts as healthy again. Default 30 s. */
  resetAfter?: number;
  /** Fast crashes in a row (per worker slot) before the primary gives up. Default 5. */
  maxFastCrashes?: number;
}

/**
 * After a worker ran for `uptime` ms and crashed: its new count of fast crashes in a row, and
 * the delay before restarting it (doubling per fast crash), or null to give up.
 */
export function planRestart(
  fastCrashes: number,
  uptime: number,
  options: Required<WorkerRestartOptions>,
): { fastCrashes: number; delay: number | null } {
  const crashes = (uptime >= options.resetAfter ? 0 : fastCrashes) + 1;
  if (crashes > options.maxFastCrashes) return { fastCrashes: crashes, delay: null };
  return {
    fastCrashes: crashes,
    delay: Math.min(options.maxDelay, options.initialDelay * 2 ** (crashes - 1)),
  };
}

interface Slot {
  worker: Worker | null;
  startedAt: number;
  fastCrashes: number;
  restartTimer: NodeJS.Timeout | null;
}

export interface SupervisorOptions {
  workers: number;
  restart: Required<WorkerRestartOptions>;
  /** Milliseconds a worker gets to stop gracefully before it is killed. */
  stopTimeout: number;
  logger: Logger;
}

/**
 * The cluster primary: forks N workers, restarts one that dies unexpectedly (exponential
 * backoff, reset after a healthy stretch, give up after too many fast crashes), and stops
 * them all on request. `done` resolves with the exit code the primary should use.
 */
export class WorkerSupervisor {
  readonly done: Promise<number>;
  #finish!: (code: number) => void;
  #slots: Slot[] = [];
  #bySlot = new Map<Worker, Slot>();
  #stopping = false;
  #exitCode = 0;
  #killTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SupervisorOptions) {
    this.done = new Promise((resolve) => {
      this.#finish = resolve;
    });
  }

  start(): void {
    cluster.on("exit", (worker, code, signal) => this.#onExit(worker, code, signal));
    for (let i = 0; i < this.options.workers; i++) {
      const slot: Slot = { worker: null, startedAt: 0, fastCrashes: 0, restartTimer: null };
      this.#slots.push(slot);
      this.#fork(slot);
    }
  }

  /** Forwards `signal` to every worker and waits for them to exit (killing stragglers). */
  stop(signal: NodeJS.Signals, exitCode = 0): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#exitCode = exitCode;
    for (const slot of this.#slots) {
      if (slot.restartTimer !== null) clearTimeout(slot.restartTimer);
      slot.restartTimer = null;
      slot.worker?.process.kill(signal);
    }
    this.#killTimer = setTimeout(() => {
      for (const slot of this.#slots) {
        if (slot.worker === null) continue;
        this.options.logger.warn(
          `Worker ${slot.worker.process.pid} did not stop in time; killing it`,
        );
        slot.worker.process.kill("SIGKILL");
      }
    }, this.options.stopTimeout);
    this.#killTimer.unref();
    this.#finishIfAllStopped();
  }

  #fork(slot: Slot): void {
    slot.restartTimer = null;
    const worker = cluster.fork();
    slot.worker = worker;
    slot.startedAt = Date.now();
    this.#bySlot.set(worker, slot);
    this.options.logger.info(`Started worker process ${worker.process.pid}`);
  }

  #onExit(worker: Worker, code: number, signal: string | null): void {
    const slot = this.#bySlot.get(worker);
    if (slot === undefined) return;
    this.#bySlot.delete(worker);
    slot.worker = null;
    if (this.#stopping) {
      this.#finishIfAllStopped();
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (code === STARTUP_FAILED_EXIT_CODE) {
      this.options.logger.error(
        `Worker ${worker.process.pid} failed to start; stopping all workers`,
      );
      this.stop("SIGTERM", 1);
      return;
    }
    const { restart, logger } = this.options;
    const plan = planRestart(slot.fastCrashes, Date.now() - slot.startedAt, restart);
    slot.fastCrashes = plan.fastCrashes;
    if (plan.delay === null) {
      logger.error(
        `Worker ${worker.process.pid} exited (${how}); too many crashes in a row, giving up`,
      );
      this.stop("SIGTERM", 1);
      return;
    }
    const delay = plan.delay;
    logger.warn(
      `Worker ${worker.process.pid} exited unexpectedly (${how}); restarting in ${delay} ms`,
    );
    slot.restartTimer = setTimeout(() => this.#fork(slot), delay);
  }

  #finishIfAllStopped(): void {
    if (this.#slots.some((slot) => slot.worker !== null)) return;
    if (this.#killTimer !== null) clearTimeout(this.#killTimer);
    this.#finish(this.#exitCode);
  }
}
