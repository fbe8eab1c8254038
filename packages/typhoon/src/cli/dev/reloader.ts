import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";

export interface ReloaderOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Milliseconds between SIGTERM and SIGKILL when stopping the app. Default 5 000. */
  stopTimeout?: number;
  /** Default: inherit stdin/stdout/stderr, plus an IPC channel the child watches. */
  stdio?: StdioOptions;
  log(line: string): void;
}

/**
 * Runs the app in a child process and replaces it on request: SIGTERM, wait (SIGKILL after
 * `stopTimeout`), start again. Requests made while a restart is under way fold into it.
 */
export class Reloader {
  readonly #options: ReloaderOptions;
  #child: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  #lastExit: number | null = null;
  #queue: Promise<void> = Promise.resolve();
  #pending = false;
  #closed = false;
  #starts = 0;

  constructor(options: ReloaderOptions) {
    this.#options = options;
  }

  /** How many times the app was started. */
  get starts(): number {
    return this.#starts;
  }

  /** The running child's pid, if one runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  start(): void {
    if (!this.#closed && this.#child === null) this.#spawn();
  }

  /** Stops the running app (if any) and starts it again. */
  restart(reason: string): void {
    if (this.#closed || this.#pending) return;
    this.#pending = true;
    this.#queue = this.#queue.then(async () => {
      if (this.#closed) return;
      this.#options.log(`${reason}; restarting`);
      await this.#stopChild();
      // Changes seen while the old app was stopping are in the new one: no second restart.
      this.#pending = false;
      if (!this.#closed) this.#spawn();
    });
  }

  /** Stops for good; resolves with the app's last exit code (null if killed by a signal). */
  async stop(): Promise<number | null> {
    this.#closed = true;
    await this.#queue;
    await this.#stopChild();
    return this.#lastExit;
  }

  #spawn(): void {
    const { command, args, cwd, env } = this.#options;
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: this.#options.stdio ?? ["inherit", "inherit", "inherit", "ipc"],
    });
    this.#child = child;
    this.#starts++;
    this.#exited = new Promise((resolve) => {
      let settled = false;
      const settle = (code: number | null, note: string | undefined) => {
        if (settled) return;
        settled = true;
        if (this.#child === child) this.#child = null;
        this.#lastExit = code;
        if (note !== undefined && !this.#closed && !this.#pending) {
          this.#options.log(`${note}; waiting for a file change to start it again`);
        }
        resolve();
      };
      child.once("exit", (code, signal) =>
        settle(code, child.killed ? undefined : `The app exited (${code ?? signal})`),
      );
      child.once("error", (error) => settle(null, `The app could not start: ${error.message}`));
    });
  }

  async #stopChild(): Promise<void> {
    const child = this.#child;
    if (child === null) return;
    child.kill("SIGTERM");
    const timeout = this.#options.stopTimeout ?? 5_000;
    const timer = setTimeout(() => {
      this.#options.log(`The app did not stop within ${timeout} ms; killing it`);
      child.kill("SIGKILL");
    }, timeout);
    await this.#exited;
    clearTimeout(timer);
  }
}
