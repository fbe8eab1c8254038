import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerApp } from "@typhoon/server";
import { CliError } from "./errors";
import { ensureTypeScriptLoader } from "./typescript-loader";

/** `<module>[:export]` split in two; `C:\app.js` keeps its drive letter. */
export interface Target {
  file: string;
  exportName: string | undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const TS_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];
const TRIED_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

export function parseTarget(target: string): Target {
  const colon = target.lastIndexOf(":");
  const name = target.slice(colon + 1);
  if (colon > 0 && IDENTIFIER.test(name)) {
    const file = target.slice(0, colon);
    // `C:app` is a Windows drive-relative path, not an export of "C".
    if (!/^[A-Za-z]$/.test(file)) return { file, exportName: name };
  }
  return { file: target, exportName: undefined };
}

/** The module's absolute path; without an extension, `.ts`, `.mts`, `.js`, `.mjs` are tried. */
export function resolveModuleFile(file: string, cwd: string): string {
  const absolute = file.startsWith("file:") ? fileURLToPath(file) : path.resolve(cwd, file);
  const candidates = [absolute];
  if (path.extname(absolute) === "")
    candidates.push(...TRIED_EXTENSIONS.map((ext) => absolute + ext));
  for (const candidate of candidates) if (isFile(candidate)) return candidate;
  throw new CliError(`Cannot find module file "${file}" (looked for ${candidates.join(", ")})`);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function isTypeScript(file: string): boolean {
  return TS_EXTENSIONS.includes(path.extname(file));
}

export interface LoadedApp {
  /** The chosen export. */
  app: unknown;
  /** `file:export`, for messages. */
  label: string;
  file: string;
}

/** Imports the target module and picks its export: the named one, else `app`, else `default`. */
export async function loadApp(target: string, cwd: string): Promise<LoadedApp> {
  const { file, exportName } = parseTarget(target);
  const absolute = resolveModuleFile(file, cwd);
  if (isTypeScript(absolute)) await ensureTypeScriptLoader(file, cwd);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    // Compiled as CommonJS, an `import` becomes require(), which cannot load ESM-only packages.
    const hint =
      code === "ERR_REQUIRE_ESM" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED"
        ? '\nHint: typhoon is ESM-only; set "type": "module" in your package.json (or use .mts/.mjs files).'
        : code === "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX"
          ? "\nHint: Node's type stripping cannot run this syntax; install tsx (npm install --save-dev tsx) and typhoon uses it."
          : "";
    throw new CliError(`Error while importing "${file}":\n${detail}${hint}`, { cause: error });
  }
  const names = exportName === undefined ? ["app", "default"] : [exportName];
  for (const name of names) {
    if (module[name] !== undefined)
      return { app: module[name], label: `${file}:${name}`, file: absolute };
  }
  const found = Object.keys(module)
    .filter((key) => module[key] !== undefined)
    .sort();
  const wanted =
    exportName === undefined
      ? 'no export named "app" and no default export'
      : `no export named "${exportName}"`;
  const listing = found.length === 0 ? "it exports nothing" : `its exports: ${found.join(", ")}`;
  throw new CliError(`Module "${file}" has ${wanted} (${listing}). Pick one with ${file}:<name>.`);
}

/** A Typhoon app, anything with a `serverApp`, or a bare ServerApp function. */
export function toServerAppOrFail(loaded: LoadedApp): ServerApp {
  const { app } = loaded;
  if (typeof app === "function") return app as ServerApp;
  const serverApp = (app as { serverApp?: unknown } | null)?.serverApp;
  if (typeof serverApp === "function") return serverApp as ServerApp;
  throw new CliError(
    `"${loaded.label}" is not an app: expected a Typhoon app or a ServerApp function, got ${describe(app)}`,
  );
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "no prototype"})`;
  return `a ${typeof value}`;
}
