import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CliError } from "./errors";

/**
 * How `typhoon run`/`dev` load a `.ts` app. tsx (an optional peer) comes first when installed:
 * it also handles what Node's type stripping refuses (enums, parameter properties, `.js`
 * specifiers naming `.ts` files, extensionless imports). Without it, Node 22.18+ and 23.6+
 * strip types themselves (no flag), and older Nodes cannot load TypeScript at all.
 */
export type TypeScriptLoader =
  | { kind: "active" }
  | { kind: "tsx"; url: string }
  | { kind: "native" }
  | { kind: "missing"; message: string };

/** True when this Node strips TypeScript types itself (`process.features.typescript`). */
export function nativeTypeStripping(
  features: { typescript?: unknown } = process.features as { typescript?: unknown },
): boolean {
  return typeof features.typescript === "string";
}

/**
 * The file URL of tsx's loader (the `--import` target), looked up from the umbrella (where a
 * package manager links its peers) and then from the working directory; undefined if absent.
 */
export function findTsx(cwd: string, specifier = "tsx"): string | undefined {
  const from = [import.meta.url, pathToFileURL(path.join(cwd, "noop.js")).href];
  for (const base of from) {
    try {
      return pathToFileURL(createRequire(base).resolve(specifier)).href;
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

/** What to tell a user whose Node cannot load TypeScript without tsx. */
export function missingTypeScriptMessage(file: string, nodeVersion = process.versions.node) {
  return (
    `Cannot load "${file}": Node ${nodeVersion} cannot run TypeScript by itself (Node 22.18+ ` +
    "and 23.6+ can) and tsx is not installed. Install it in your project " +
    "(npm install --save-dev tsx), use a newer Node, or run the compiled .js file."
  );
}

/** Picks the loader for `file` given what this process has (pure, for tests). */
export function chooseTypeScriptLoader(
  file: string,
  have: { active: boolean; tsxUrl: string | undefined; native: boolean; nodeVersion?: string },
): TypeScriptLoader {
  if (have.active) return { kind: "active" };
  if (have.tsxUrl !== undefined) return { kind: "tsx", url: have.tsxUrl };
  if (have.native) return { kind: "native" };
  return { kind: "missing", message: missingTypeScriptMessage(file, have.nodeVersion) };
}

/** True when a TypeScript loader already runs this process (tsx, vitest). */
export function typeScriptLoaderActive(execArgv: readonly string[] = process.execArgv): boolean {
  // This very file running as .ts means a loader is already in place.
  if (import.meta.url.endsWith(".ts")) return true;
  const flags = [...execArgv, process.env.NODE_OPTIONS ?? ""].join(" ");
  return /\btsx\b/.test(flags);
}

let registered = false;

/** Lets `import()` load the TypeScript file `file`, or throws a CliError saying how. */
export async function ensureTypeScriptLoader(file: string, cwd: string): Promise<void> {
  if (registered) return;
  const loader = chooseTypeScriptLoader(file, {
    active: typeScriptLoaderActive(),
    tsxUrl: findTsx(cwd),
    native: nativeTypeStripping(),
  });
  if (loader.kind === "missing") throw new CliError(loader.message);
  if (loader.kind === "tsx") {
    const api = findTsx(cwd, "tsx/esm/api");
    const { register } = (await import(api ?? "tsx/esm/api")) as { register: () => void };
    register();
  }
  registered = true;
}
