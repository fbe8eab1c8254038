import { randomBytes, timingSafeEqual } from "node:crypto";
import { type Argon2Type, formatArgon2Hash, parseArgon2Hash } from "./argon2-format";
import type { Argon2Params } from "./argon2-params";
import { passwordCandidates } from "./candidates";
import { loadHashWasm } from "./hash-wasm";
import { KEY_BYTES, SALT_BYTES } from "./params";

/**
 * Verifies an argon2id, argon2i or argon2d PHC string (argon2-cffi, pwdlib, libargon2, the
 * `argon2` npm package, or `hashPassword` with `algorithm: "argon2id"`). Malformed or
 * out-of-limits hashes are false without loading hash-wasm.
 */
export async function verifyArgon2Hash(password: string, text: string): Promise<boolean> {
  const parsed = parseArgon2Hash(text);
  if (parsed === undefined) return false;
  // hash-wasm cannot hash the empty password (libargon2 can): it matches no hash here.
  const candidates = passwordCandidates(password).filter((bytes) => bytes.length > 0);
  if (candidates.length === 0) return false;
  const { type, params, salt, hash } = parsed;
  for (const bytes of candidates) {
    const derived = await argon2Digest(type, bytes, salt, params, hash.length, "verifyPassword");
    if (timingSafeEqual(derived, hash)) return true;
  }
  return false;
}

/** An argon2id PHC string of `bytes` (already NFC) with a fresh 16-byte salt. */
export async function hashArgon2id(bytes: Buffer, params: Argon2Params): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await argon2Digest("argon2id", bytes, salt, params, KEY_BYTES, "hashPassword");
  return formatArgon2Hash("argon2id", params, salt, hash);
}

/** True unless `text` is argon2id with parameters, salt and key at least the target's. */
export function argon2NeedsRehash(text: string, target: Argon2Params): boolean {
  const parsed = parseArgon2Hash(text);
  if (parsed === undefined || parsed.type !== "argon2id") return true;
  const { memoryCost, timeCost, parallelism } = parsed.params;
  return (
    memoryCost < target.memoryCost ||
    timeCost < target.timeCost ||
    parallelism < target.parallelism ||
    parsed.salt.length < SALT_BYTES ||
    parsed.hash.length < KEY_BYTES
  );
}

async function argon2Digest(
  type: Argon2Type,
  password: Buffer,
  salt: Buffer,
  params: Argon2Params,
  hashLength: number,
  caller: string,
): Promise<Uint8Array> {
  const lib = await loadHashWasm(`${caller} with an ${type} hash`);
  const derive =
    type === "argon2id" ? lib.argon2id : type === "argon2i" ? lib.argon2i : lib.argon2d;
  return derive({
    password,
    salt,
    iterations: params.timeCost,
    memorySize: params.memoryCost,
    parallelism: params.parallelism,
    hashLength,
    outputType: "binary",
  });
}
