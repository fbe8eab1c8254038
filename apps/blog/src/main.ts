import { run } from "typhoon";
import { SettingsError } from "typhoon/settings";
import { createApp } from "./app";
import { settingsFromEnvironment } from "./settings";

let settings: ReturnType<typeof settingsFromEnvironment>;
try {
  settings = settingsFromEnvironment();
} catch (error) {
  // Every invalid variable at once, secrets masked; no stack trace for a configuration typo.
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(2);
}

if (settings.secret_key === undefined) {
  console.warn("SECRET_KEY is not set: using a random key, tokens end with this process.");
}

const app = createApp({ settings });
const { host, port } = settings; // HOST and PORT, default 127.0.0.1:8000

// The timing middleware logs each request with its id; the server's own access log would repeat it.
await run(app, { host, port, accessLog: !settings.log_requests });
const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
console.log(`${settings.app_name}: docs at http://${shown}:${port}/docs`);
