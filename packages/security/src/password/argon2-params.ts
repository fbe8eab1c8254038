/** Argon2's cost parameters, as the PHC string writes them: m (KiB), t (passes), p (lanes). */
export interface Argon2Params {
  /** Memory in KiB (`m`). */
  memoryCost: number;
  /** Passes over the memory (`t`). */
  timeCost: number;
  /** Lanes (`p`). WebAssembly computes them one after the other. */
  parallelism: number;
}

/**
 * m = 64 MiB, t = 3, p = 4: RFC 9106's second recommended option, and the defaults of
 * argon2-cffi's `PasswordHasher`, so of pwdlib's `PasswordHash.recommended()` that FastAPI's
 * docs use. A hash made by a FastAPI app with those defaults needs no rehash here.
 */
export const DEFAULT_ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({
  memoryCost: 65536,
  timeCost: 3,
  parallelism: 4,
});

/**
 * Bounds on the argon2 parameters of any hash we make or verify, as for scrypt: a stored
 * hash is data, and one row with `m=4194304,t=100` must not stall a login.
 */
export const ARGON2_LIMITS = Object.freeze({
  /** 256 MiB, the scrypt limit. */
  maxMemoryKiB: 262144,
  maxTimeCost: 16,
  maxParallelism: 16,
  /** m·t, the work of one hash: 2^20, about 5× the default. */
  maxWork: 2 ** 20,
});

/** Why these parameters are out of bounds, or undefined when they are fine. */
export function argon2ParamsProblem(params: Argon2Params): string | undefined {
  const { memoryCost, timeCost, parallelism } = params;
  if (
    !Number.isInteger(parallelism) ||
    parallelism < 1 ||
    parallelism > ARGON2_LIMITS.maxParallelism
  )
    return `parallelism must be an integer from 1 to ${ARGON2_LIMITS.maxParallelism}`;
  if (!Number.isInteger(timeCost) || timeCost < 1 || timeCost > ARGON2_LIMITS.maxTimeCost)
    return `timeCost must be an integer from 1 to ${ARGON2_LIMITS.maxTimeCost}`;
  // RFC 9106 §3.1: at least 8 KiB per lane.
  if (
    !Number.isInteger(memoryCost) ||
    memoryCost < 8 * parallelism ||
    memoryCost > ARGON2_LIMITS.maxMemoryKiB
  )
    return `memoryCost must be an integer from 8·parallelism to ${ARGON2_LIMITS.maxMemoryKiB} (KiB)`;
  if (memoryCost * timeCost > ARGON2_LIMITS.maxWork) return "memoryCost·timeCost is above 2^20";
  return undefined;
}
