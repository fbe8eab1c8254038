import { SecurityConfigError } from "../errors";
import { type Argon2Params, argon2ParamsProblem, DEFAULT_ARGON2_PARAMS } from "./argon2-params";
import { DEFAULT_SCRYPT_PARAMS, resolveParams, type ScryptParams } from "./params";

/** scrypt (the default, no dependency), with overrides of `DEFAULT_SCRYPT_PARAMS`. */
export interface ScryptHashOptions extends Partial<ScryptParams> {
  algorithm?: "scrypt";
}

/** argon2id (needs the optional package hash-wasm), with overrides of `DEFAULT_ARGON2_PARAMS`. */
export interface Argon2idHashOptions extends Partial<Argon2Params> {
  algorithm: "argon2id";
}

/** What `hashPassword` makes and `needsRehash` compares against. */
export type PasswordHashOptions = ScryptHashOptions | Argon2idHashOptions;

export type HashTarget =
  | { algorithm: "scrypt"; params: ScryptParams }
  | { algorithm: "argon2id"; params: Argon2Params };

const SCRYPT_KEYS = ["logN", "r", "p"] as const;
const ARGON2_KEYS = ["memoryCost", "timeCost", "parallelism"] as const;

/** The configured algorithm and parameters, checked against the limits. Throws `SecurityConfigError`. */
export function resolveTarget(
  options: PasswordHashOptions | undefined,
  caller: string,
): HashTarget {
  if (options === undefined) return { algorithm: "scrypt", params: DEFAULT_SCRYPT_PARAMS };
  if (options === null || typeof options !== "object")
    throw new SecurityConfigError(`${caller}: options must be an object`);
  const algorithm = options.algorithm ?? "scrypt";
  if (algorithm === "scrypt") {
    refuseKeys(options, ARGON2_KEYS, "argon2id", caller);
    return { algorithm, params: resolveParams(options as ScryptHashOptions, caller) };
  }
  if (algorithm !== "argon2id")
    throw new SecurityConfigError(`${caller}: algorithm must be "scrypt" or "argon2id"`);
  refuseKeys(options, SCRYPT_KEYS, "scrypt", caller);
  const argon2 = options as Argon2idHashOptions;
  const params = {
    memoryCost: argon2.memoryCost ?? DEFAULT_ARGON2_PARAMS.memoryCost,
    timeCost: argon2.timeCost ?? DEFAULT_ARGON2_PARAMS.timeCost,
    parallelism: argon2.parallelism ?? DEFAULT_ARGON2_PARAMS.parallelism,
  };
  const problem = argon2ParamsProblem(params);
  if (problem !== undefined) throw new SecurityConfigError(`${caller}: ${problem}`);
  return { algorithm, params };
}

// A parameter of the other algorithm is a mistake that would otherwise be ignored silently.
function refuseKeys(options: object, keys: readonly string[], owner: string, caller: string): void {
  for (const key of keys) {
    if ((options as Record<string, unknown>)[key] !== undefined)
      throw new SecurityConfigError(`${caller}: ${key} applies to ${owner} only`);
  }
}
