import { devCommand } from "./commands/dev";
import { openapiCommand } from "./commands/openapi";
import { routesCommand } from "./commands/routes";
import { runCommand } from "./commands/run";
import type { CliContext, CommandResult } from "./context";
import { CliError, UsageError } from "./errors";
import { parseCommandLine } from "./options";
import { USAGE, usageOf } from "./usage";
import { packageVersion } from "./version";

/**
 * `typhoon <command> ...`: returns the exit code of a one-shot command, or "running" once a
 * server runs. Usage errors exit 2 with the usage; other known failures print one clear line.
 */
export async function main(argv: readonly string[], ctx: CliContext): Promise<CommandResult> {
  try {
    const command = parseCommandLine(argv, ctx.env);
    switch (command.command) {
      case "help":
        if (command.topic !== undefined && USAGE[command.topic] === undefined) {
          throw new UsageError(`Unknown command "${command.topic}"`);
        }
        ctx.stdout(`${usageOf(command.topic)}\n`);
        return 0;
      case "version":
        ctx.stdout(`typhoon ${packageVersion()}\n`);
        return 0;
      case "run":
        return command.reload
          ? await devCommand({ ...command, watch: [] }, ctx)
          : await runCommand(command, ctx);
      case "dev":
        return await devCommand(command, ctx);
      case "routes":
        return await routesCommand(command, ctx);
      case "openapi":
        return await openapiCommand(command, ctx);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.stderr(`typhoon: ${error.message}\n\n${usageOf(error.command)}\n`);
      return 2;
    }
    if (error instanceof CliError) {
      ctx.stderr(`typhoon: ${error.message}\n`);
      return error.exitCode;
    }
    ctx.stderr(
      `typhoon: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
