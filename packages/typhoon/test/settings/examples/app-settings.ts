import { Depends, dependency, Typhoon } from "typhoon";
import { loadSettings } from "typhoon/settings";
import * as v from "valibot";

const Settings = v.object({
  app_name: v.optional(v.string(), "Awesome API"),
  admin_email: v.pipe(v.string(), v.email()),
  items_per_user: v.optional(v.pipe(v.number(), v.integer()), 50),
});

// Read on first use, then reused (FastAPI's @lru_cache get_settings); tests override it.
let settings: v.InferOutput<typeof Settings> | undefined;
export const getSettings = dependency(() => {
  settings ??= loadSettings(Settings);
  return settings;
});

export const app = new Typhoon();

app.get("/info", { params: { settings: Depends(getSettings) } }, ({ settings }) => ({
  app_name: settings.app_name,
  admin_email: settings.admin_email,
  items_per_user: settings.items_per_user,
}));
