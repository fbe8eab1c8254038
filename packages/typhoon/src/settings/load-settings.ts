import { readFileSync } from "node:fs";
import path from "node:path";
import { compileModelFields, type ErrorItem } from "@typhoon/validation";
import type { GenericSchema, InferInput, InferOutput } from "valibot";
import { parseDotenv } from "./dotenv";
import { EnvLookup, type EnvSource, envNameOf } from "./env-names";
import { compileSettingField } from "./setting-field";
import {
  DEFAULT_SECRET_PATTERN,
  SettingsError,
  type SettingsIssue,
  toIssue,
} from "./settings-error";

/** An object schema (optionally in a pipe with checks across keys). */
export type SettingsSchema = GenericSchema<Record<string, unknown>, Record<string, unknown>>;

export interface LoadSettingsOptions<Key extends string = string> {
  /** Where variables come from (default `process.env`); they win over the `.env` file. */
  env?: EnvSource;
  /** A dotenv file read relative to the working directory; a missing file is skipped. `false`: none. Default `".env"`. */
  envFile?: string | false;
  /** Prepended to every derived name: `APP_` makes `port` read `APP_PORT`. */
  prefix?: string;
  /** Match variable names exactly; by default `PORT`, `port` and `Port` all match. */
  caseSensitive?: boolean;
  /** Exact variable names for some keys (no prefix applied): `{ databaseUrl: "DATABASE_URL" }`. */
  names?: Partial<Record<Key, string>>;
  /** Treat empty variables (`PORT=`) as unset, so defaults apply. Default false. */
  ignoreEmpty?: boolean;
  /** Variables matching this never have their value shown in errors. Default: secret, password, token, key... */
  secretPattern?: RegExp;
}

/** The structural bits of the root schema read here. */
interface RootShape {
  readonly pipe?: readonly RootShape[];
  readonly entries?: Readonly<Record<string, GenericSchema>>;
}

/**
 * Reads typed settings from environment variables and an optional `.env` file, once at
 * startup. Each key of the object schema reads the variable `PREFIX + UPPER_SNAKE(key)`;
 * values are coerced like query parameters (lists from JSON or commas, structured values
 * from JSON) and validated. Every missing or invalid variable is reported together in one
 * {@link SettingsError}.
 */
export function loadSettings<S extends SettingsSchema>(
  schema: S,
  options: LoadSettingsOptions<keyof InferInput<S> & string> = {},
): InferOutput<S> {
  const entries = rootEntries(schema);
  const caseSensitive = options.caseSensitive ?? false;
  const env = new EnvLookup(options.env ?? process.env, { caseSensitive });
  const file = new EnvLookup(readEnvFile(options.envFile ?? ".env"), { caseSensitive });
  const secretPattern = options.secretPattern ?? DEFAULT_SECRET_PATTERN;
  const names: Partial<Record<string, string>> = options.names ?? {};

  const issues: SettingsIssue[] = [];
  const nameOfKey = new Map<string, string>();
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(entries)) {
    const name = names[key] ?? envNameOf(key, options.prefix);
    nameOfKey.set(key, name);
    const field = compileSettingField(entry, { name, ignoreEmpty: options.ignoreEmpty ?? false });
    const errors: ErrorItem[] = [];
    const value = field(env.get(name) ?? file.get(name), errors);
    for (const error of errors) issues.push(toIssue(error, key, secretPattern));
    if (errors.length === 0 && value !== undefined) result[key] = value;
  }
  if (issues.length > 0) throw new SettingsError(issues);
  return finishModel(schema, result, { nameOfKey, secretPattern }) as InferOutput<S>;
}

function rootEntries(schema: SettingsSchema): Readonly<Record<string, GenericSchema>> {
  let s = schema as unknown as RootShape;
  while (s.pipe !== undefined && s.pipe.length > 0 && s.pipe[0] !== s) s = s.pipe[0] as RootShape;
  if (s.entries === undefined) throw new TypeError("loadSettings expects an object schema");
  return s.entries;
}

/** Runs the checks of `v.pipe(v.object(...), ...)` across keys, on the validated values. */
function finishModel(
  schema: SettingsSchema,
  value: Record<string, unknown>,
  context: { nameOfKey: ReadonlyMap<string, string>; secretPattern: RegExp },
): unknown {
  if ((schema as unknown as RootShape).pipe === undefined) return value;
  const errors: ErrorItem[] = [];
  const out = compileModelFields(schema, { source: "body" }).finish(value, errors);
  if (errors.length === 0) return out;
  const issues = errors.map((error) => {
    // A check forwarded to one key (v.forward) points at that key's variable.
    const [, key, ...rest] = error.loc;
    const name = typeof key === "string" ? context.nameOfKey.get(key) : undefined;
    if (name === undefined) return toIssue(error, undefined, context.secretPattern);
    return toIssue({ ...error, loc: [name, ...rest] }, key as string, context.secretPattern);
  });
  throw new SettingsError(issues);
}

function readEnvFile(envFile: string | false): EnvSource {
  if (envFile === false) return {};
  let text: string;
  try {
    text = readFileSync(path.resolve(envFile), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  return parseDotenv(text, { filename: envFile });
}
