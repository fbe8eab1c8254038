import { loadSettings } from "typhoon/settings";
import * as v from "valibot";

export const Settings = v.object({
  database_url: v.pipe(v.string(), v.url()),
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 8000),
  debug: v.optional(v.boolean(), false),
  allowed_hosts: v.optional(v.array(v.string()), ["localhost"]),
  secret_key: v.pipe(v.string(), v.minLength(32)),
});

export type Settings = v.InferOutput<typeof Settings>;

// Reads process.env and ./.env once; throws a SettingsError listing every problem.
export function readSettings(env = process.env): Settings {
  return loadSettings(Settings, { env });
}
