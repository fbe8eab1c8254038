import type { RunOptions, ServerApp } from "@typhoon/server";

/** What a command may touch: injected so the commands run in-process in tests. */
export interface CliContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The script running the CLI (dist/cli.js, or src/cli/main.ts under tsx): dev re-runs it. */
  entry: string;
  /** Serves the app until a signal stops it (default: the umbrella's `run`). */
  run?: (app: ServerApp, options: RunOptions) => Promise<{ url: string } | null | void>;
}

/** One-shot commands end with an exit code; `run` and `dev` keep the process serving. */
export type CommandResult = number | "running";
