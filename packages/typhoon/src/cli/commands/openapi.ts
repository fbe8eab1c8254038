import type { CliContext } from "../context";
import { CliError } from "../errors";
import { loadApp } from "../load-app";

/** `typhoon openapi`: the app's OpenAPI document as JSON, once the app can build one. */
export async function openapiCommand(
  command: { target: string },
  ctx: CliContext,
): Promise<number> {
  const loaded = await loadApp(command.target, ctx.cwd);
  const app = loaded.app as { openapi?: unknown } | null;
  if (typeof app?.openapi !== "function") {
    throw new CliError(
      `the OpenAPI document is not available in this version of typhoon: "${loaded.label}" has no openapi() method to build it from.`,
      { exitCode: 2 },
    );
  }
  const document: unknown = await (app.openapi as () => unknown).call(app);
  ctx.stdout(`${JSON.stringify(document, null, 2)}\n`);
  return 0;
}
