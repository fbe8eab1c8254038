import { TyphoonError } from "../errors";

/** Bad command-line input: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends TyphoonError {
  override readonly name = "UsageError";
  declare readonly code: "CLI_USAGE";
  /** The command whose usage to show (undefined: the general usage). */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super("CLI_USAGE", message);
    this.command = command;
  }
}

/** A failure the user can fix (module not found, export missing...): message, exit `exitCode`. */
export class CliError extends TyphoonError {
  override readonly name = "CliError";
  declare readonly code: "CLI_ERROR";
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super("CLI_ERROR", message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
  }
}
