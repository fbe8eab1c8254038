// `typhoon/settings`: typed settings from the environment and .env files.

export { DotenvError, type DotenvParseOptions, parseDotenv } from "./dotenv";
export { type LoadSettingsOptions, loadSettings, type SettingsSchema } from "./load-settings";
export { SettingsError, type SettingsIssue } from "./settings-error";
