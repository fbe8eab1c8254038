import { dependency } from "typhoon";
import { loadSettings } from "typhoon/settings";
import * as v from "valibot";

const Port = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535));
const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email());

/**
 * Everything the blog reads from the environment (or `.env`): one variable per key, named in
 * UPPER_SNAKE (`DATABASE_URL`, `SECRET_KEY`, `CORS_ORIGINS`...). Only secrets have no default.
 */
export const Settings = v.object({
  app_name: v.optional(v.string(), "Typhoon Blog"),
  host: v.optional(v.string(), "127.0.0.1"),
  port: v.optional(Port, 8000),
  /** `postgres://user:pass@host:5432/db`: a PostgreSQL server. Unset: embedded PGlite. */
  database_url: v.optional(
    v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, "Expected a postgres:// URL")),
  ),
  /** PGlite's data folder (used without DATABASE_URL); `memory://` keeps nothing. */
  data_dir: v.optional(v.pipe(v.string(), v.minLength(1)), ".data/pglite"),
  /** Signs the JWTs. Unset: a random key per process (tokens die with it), with a warning. */
  secret_key: v.optional(v.pipe(v.string(), v.minLength(32))),
  /** scrypt's cost (N = 2^cost) for new password hashes; older, cheaper hashes are upgraded at login. */
  password_hash_cost: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(20)),
    15,
  ),
  access_token_minutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 30),
  /** Accounts registered with these emails get the admin role. */
  admin_emails: v.optional(v.array(Email), []),
  /** Front-end origins allowed by CORS. */
  cors_origins: v.optional(v.array(v.pipe(v.string(), v.url())), ["http://localhost:5173"]),
  /** The dashboard's upstream services: a JSON object of name → URL. */
  upstreams: v.optional(
    v.record(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,31}$/)), v.pipe(v.string(), v.url())),
    {},
  ),
  upstream_timeout_ms: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000)),
    2000,
  ),
  /** Largest upstream answer read, in bytes. */
  upstream_max_bytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1_048_576),
  mail_from: v.optional(Email, "blog@example.com"),
  /** Log one line per request (method, path, status, time, request id). */
  log_requests: v.optional(v.boolean(), true),
});

export type Settings = v.InferOutput<typeof Settings>;

export interface ReadSettingsOptions {
  /** Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Default `.env` in the working directory; `false` reads no file. */
  envFile?: string | false;
}

/** Reads and checks the settings (every problem reported at once, secrets never echoed). */
export function readSettings(options: ReadSettingsOptions = {}): Settings {
  return loadSettings(Settings, {
    env: options.env ?? process.env,
    envFile: options.envFile ?? ".env",
  });
}

let fromEnvironment: Settings | undefined;

/** The process's settings, read once on first use (FastAPI's `@lru_cache get_settings`). */
export function settingsFromEnvironment(): Settings {
  fromEnvironment ??= readSettings();
  return fromEnvironment;
}

/** Settings as a dependency; tests replace it with `dependencyOverrides`. */
export const getSettings = dependency(() => settingsFromEnvironment());
