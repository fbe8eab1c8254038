import type { ErrorItem } from "@typhoon/validation";
import { TyphoonError } from "../errors";

/** One missing or invalid variable. Carries no raw value, so it is safe to log. */
export interface SettingsIssue {
  /** The variable, and the path inside a JSON value: `PORT`, `DB_POOL.max`, `HOSTS[1]`. */
  readonly variable: string;
  /** The settings key it feeds (undefined for a check across several keys). */
  readonly key: string | undefined;
  /** Stable code from the validator: `missing`, `int_parsing`, `json_invalid`, `too_small`... */
  readonly type: string;
  /** `missing`, or what was expected and what came (secrets masked). */
  readonly message: string;
}

/** Every missing or invalid setting at once, thrown by `loadSettings` at startup. */
export class SettingsError extends TyphoonError {
  override readonly name = "SettingsError";
  declare readonly code: "SETTINGS_INVALID";
  readonly issues: readonly SettingsIssue[];

  constructor(issues: readonly SettingsIssue[]) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    const lines = issues.map((issue) => `  ${issue.variable}: ${issue.message}`);
    super("SETTINGS_INVALID", `Invalid settings (${count}):\n${lines.join("\n")}`);
    this.issues = issues;
  }
}

/** Variables whose values are never shown, not even in part. */
export const DEFAULT_SECRET_PATTERN = /secret|password|passwd|token|key|credential/i;

const EXPECTED: Record<string, string> = {
  int_parsing: "expected an integer",
  float_parsing: "expected a number",
  bool_parsing: "expected a boolean (true/false, 1/0, yes/no, on/off)",
  json_invalid: "expected valid JSON",
};

const MAX_SHOWN = 60;

/** Turns a validator error into an issue; `key` is the settings key the error belongs to. */
export function toIssue(
  item: ErrorItem,
  key: string | undefined,
  secretPattern: RegExp,
): SettingsIssue {
  const variable = key === undefined ? "(settings)" : describeLoc(item.loc);
  if (item.type === "missing") return { variable, key, type: item.type, message: "missing" };
  const expected = EXPECTED[item.type] ?? item.msg;
  // search() ignores lastIndex, so a /g pattern behaves the same on every call.
  const secret = variable.search(secretPattern) !== -1;
  return {
    variable,
    key,
    type: item.type,
    message: `${expected}, got ${shown(item.input, secret)}`,
  };
}

function describeLoc(loc: ErrorItem["loc"]): string {
  let out = String(loc[0]);
  for (const part of loc.slice(1)) out += typeof part === "number" ? `[${part}]` : `.${part}`;
  return out;
}

function shown(input: unknown, secret: boolean): string {
  if (secret) {
    return typeof input === "string"
      ? `a hidden value (${input.length} characters)`
      : "a hidden value";
  }
  const text = typeof input === "string" ? JSON.stringify(input) : safeJson(input);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function safeJson(input: unknown): string {
  if (input === undefined) return "undefined";
  if (typeof input === "bigint") return `${input}n`;
  try {
    return JSON.stringify(input) ?? String(input);
  } catch {
    return String(input);
  }
}
