import { SecurityConfigError } from "../errors";

/** scrypt's cost parameters: N = 2^logN (CPU and memory), r (block size), p (parallelism). */
export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/**
 * N = 2^15, r = 8, p = 1: 32 MiB and about 60–100 ms per hash on our 2-core CI machine.
 * That is below OWASP's scrypt recommendation (equivalent to N = 2^17, or N = 2^15 with p = 3,
 * about 3× the time); raise `p` or `logN` where the login budget allows; `needsRehash` then
 * upgrades stored hashes as users log in.
 */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({
  logN: 15,
  r: 8,
  p: 1,
});

/**
 * Bounds on the parameters of any hash we make or verify. A stored hash is data: without these,
 * one row with `ln=30` would make a login take minutes and gigabytes.
 */
export const SCRYPT_LIMITS = Object.freeze({
  maxLogN: 20,
  maxR: 32,
  maxP: 16,
  /** 128·r·(N + p + 2) bytes, what OpenSSL allocates: 256 MiB. */
  maxMemoryBytes: 256 * 1024 * 1024,
  /** N·r·p, the work of one hash: 2^22, 16× the default (OWASP's settings are 2^20). */
  maxWork: 2 ** 22,
});

/** Salt length of new hashes (bytes). Stored hashes are accepted with 8 to 64. */
export const SALT_BYTES = 16;
/** Derived key length of new hashes (bytes). Stored hashes are accepted with 16 to 64. */
export const KEY_BYTES = 32;

/** The memory scrypt needs for these parameters, as OpenSSL counts it (passed as `maxmem`). */
export function scryptMemory({ logN, r, p }: ScryptParams): number {
  return 128 * r * (2 ** logN + p + 2);
}

/** Why these parameters are out of bounds, or undefined when they are fine. */
export function paramsProblem(params: ScryptParams): string | undefined {
  const { logN, r, p } = params;
  if (!Number.isInteger(logN) || logN < 1 || logN > SCRYPT_LIMITS.maxLogN) {
    return `logN must be an integer from 1 to ${SCRYPT_LIMITS.maxLogN}`;
  }
  if (!Number.isInteger(r) || r < 1 || r > SCRYPT_LIMITS.maxR)
    return `r must be an integer from 1 to ${SCRYPT_LIMITS.maxR}`;
  if (!Number.isInteger(p) || p < 1 || p > SCRYPT_LIMITS.maxP)
    return `p must be an integer from 1 to ${SCRYPT_LIMITS.maxP}`;
  // RFC 7914 §2: N must be less than 2^(128·r/8); OpenSSL refuses it otherwise.
  if (logN >= 16 * r) return "logN must be below 16·r";
  if (scryptMemory(params) > SCRYPT_LIMITS.maxMemoryBytes) return "N·r needs more than 256 MiB";
  if (2 ** logN * r * p > SCRYPT_LIMITS.maxWork) return "N·r·p is above 2^22";
  return undefined;
}

/** The defaults overlaid with `options`, checked against the limits. Throws `SecurityConfigError`. */
export function resolveParams(
  options: Partial<ScryptParams> | undefined,
  caller: string,
): ScryptParams {
  if (options === undefined) return DEFAULT_SCRYPT_PARAMS;
  if (options === null || typeof options !== "object")
    throw new SecurityConfigError(`${caller}: options must be an object`);
  const params = {
    logN: options.logN ?? DEFAULT_SCRYPT_PARAMS.logN,
    r: options.r ?? DEFAULT_SCRYPT_PARAMS.r,
    p: options.p ?? DEFAULT_SCRYPT_PARAMS.p,
  };
  const problem = paramsProblem(params);
  if (problem !== undefined) throw new SecurityConfigError(`${caller}: ${problem}`);
  return params;
}
