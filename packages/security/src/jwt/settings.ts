import { SecurityConfigError } from "../errors";
import { toSeconds } from "./duration";
import type { JwtSharedOptions } from "./types";

export const DEFAULT_EXPIRES_IN = "15m";
export const DEFAULT_MAX_TOKEN_LENGTH = 8192;
const MAX_TOKEN_LENGTH_LIMIT = 1_048_576;

/** The shared options of `createJwt`, checked and converted once at setup. */
export interface JwtSettings {
  readonly issuer: string | undefined;
  readonly audience: string | string[] | undefined;
  readonly expiresInSeconds: number;
  readonly clockToleranceSeconds: number;
  readonly requireExpiration: boolean;
  /** Header written on sign. */
  readonly typ: string;
  /** Whether verify checks `typ` (only when the user chose one). */
  readonly checkTyp: boolean;
  readonly maxTokenLength: number;
  readonly clock: (() => Date) | undefined;
}

export function readSettings(options: JwtSharedOptions): JwtSettings {
  if (options === null || typeof options !== "object") {
    throw new SecurityConfigError("createJwt needs an options object");
  }
  const {
    issuer,
    typ,
    maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH,
    clock,
    requireExpiration = true,
  } = options;
  if (issuer !== undefined) checkString(issuer, "issuer");
  if (typ !== undefined) checkString(typ, "typ");
  if (
    !Number.isInteger(maxTokenLength) ||
    maxTokenLength < 16 ||
    maxTokenLength > MAX_TOKEN_LENGTH_LIMIT
  ) {
    throw new SecurityConfigError(
      `maxTokenLength must be an integer from 16 to ${MAX_TOKEN_LENGTH_LIMIT}`,
    );
  }
  if (clock !== undefined && typeof clock !== "function") {
    throw new SecurityConfigError("clock must be a function returning a Date");
  }
  if (typeof requireExpiration !== "boolean")
    throw new SecurityConfigError("requireExpiration must be a boolean");
  return {
    issuer,
    audience: checkAudience(options.audience, "audience"),
    expiresInSeconds: positiveSeconds(options.expiresIn ?? DEFAULT_EXPIRES_IN, "expiresIn"),
    clockToleranceSeconds:
      options.clockTolerance === undefined
        ? 0
        : toSeconds(options.clockTolerance, "clockTolerance"),
    requireExpiration,
    typ: typ ?? "JWT",
    checkTyp: typ !== undefined,
    maxTokenLength,
    clock,
  };
}

export function positiveSeconds(value: number | string, option: string): number {
  const seconds = toSeconds(value, option);
  if (seconds === 0) throw new SecurityConfigError(`${option} must be longer than 0 seconds`);
  return seconds;
}

export function checkString(value: unknown, option: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new SecurityConfigError(`${option} must be a non-empty string`);
  }
  return value;
}

export function checkAudience(value: unknown, option: string): string | string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && value.length > 0) return value;
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === "string" && item.length > 0)
  ) {
    return [...value];
  }
  throw new SecurityConfigError(
    `${option} must be a non-empty string or a non-empty array of them`,
  );
}

/** Seconds since the epoch, from the configured clock. */
export function nowSeconds(settings: JwtSettings): number {
  const millis = settings.clock === undefined ? Date.now() : settings.clock().getTime();
  if (!Number.isFinite(millis)) throw new SecurityConfigError("clock returned an invalid Date");
  return Math.floor(millis / 1000);
}
