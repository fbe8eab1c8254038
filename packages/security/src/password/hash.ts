import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { PasswordError } from "../errors";
import { argon2NeedsRehash, hashArgon2id, verifyArgon2Hash } from "./argon2";
import { verifyBcryptHash } from "./bcrypt";
import { formatHash, hasCurrentLengths, parseHash } from "./format";
import { type PasswordHashOptions, resolveTarget } from "./hash-options";
import { MAX_PASSWORD_BYTES, passwordBytes } from "./normalize";
import { KEY_BYTES, SALT_BYTES, type ScryptParams, scryptMemory } from "./params";

/**
 * Hashes a password with scrypt and a fresh 16-byte salt, returning the self-describing
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` string to store. Runs on libuv's thread pool.
 * With `{ algorithm: "argon2id" }` it makes `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>`
 * instead, through the optional package hash-wasm.
 * Throws `TypeError` for a non-string, `PasswordError` for a password over 1024 UTF-8 bytes or
 * with lone surrogates, `SecurityConfigError` for parameters outside `SCRYPT_LIMITS` /
 * `ARGON2_LIMITS` or for argon2id without hash-wasm installed.
 */
export async function hashPassword(
  password: string,
  options?: PasswordHashOptions,
): Promise<string> {
  checkString(password, "password");
  const target = resolveTarget(options, "hashPassword");
  const bytes = passwordBytes(password);
  if (bytes === "PASSWORD_TOO_LONG") {
    throw new PasswordError(bytes, `Password is longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
  if (bytes === "PASSWORD_INVALID_UNICODE") {
    throw new PasswordError(bytes, "Password contains unpaired surrogate characters");
  }
  if (target.algorithm === "argon2id") {
    if (bytes.length === 0) {
      throw new PasswordError(
        "PASSWORD_EMPTY",
        "argon2id (hash-wasm) cannot hash the empty password",
      );
    }
    return hashArgon2id(bytes, target.params);
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(bytes, salt, target.params, KEY_BYTES);
  return formatHash(target.params, salt, hash);
}

/**
 * True when `password` matches the stored `hash`; the comparison runs in constant time.
 * Reads scrypt hashes, and argon2id/argon2i/argon2d and bcrypt (`$2a$`, `$2b$`, `$2y$`) hashes
 * made by other libraries, the last two through the optional package hash-wasm.
 * A malformed hash, one with parameters outside the limits, or a password `hashPassword`
 * would refuse gives false, never an error. Throws `TypeError` if either argument is not a
 * string, `SecurityConfigError` for a well-formed argon2 or bcrypt hash without hash-wasm.
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  checkString(password, "password");
  checkString(hash, "hash");
  if (hash.startsWith("$argon2")) return verifyArgon2Hash(password, hash);
  if (hash.startsWith("$2")) return verifyBcryptHash(password, hash);
  const parsed = parseHash(hash);
  if (parsed === undefined) return false;
  const bytes = passwordBytes(password);
  if (typeof bytes === "string") return false;
  const derived = await derive(bytes, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(derived, parsed.hash);
}

/**
 * True when the stored hash should be replaced (after a successful `verifyPassword`, while
 * the plain password is at hand): another algorithm than the configured one (`options`,
 * scrypt by default: so every argon2 or bcrypt hash from another library), any parameter below
 * the current ones (`options` over the defaults), a shorter salt or key, or a hash this module
 * cannot read. Never loads hash-wasm.
 */
export function needsRehash(hash: string, options?: PasswordHashOptions): boolean {
  checkString(hash, "hash");
  const target = resolveTarget(options, "needsRehash");
  if (target.algorithm === "argon2id") return argon2NeedsRehash(hash, target.params);
  const parsed = parseHash(hash);
  if (parsed === undefined) return true;
  const { logN, r, p } = parsed.params;
  const { logN: wantLogN, r: wantR, p: wantP } = target.params;
  return logN < wantLogN || r < wantR || p < wantP || !hasCurrentLengths(parsed);
}

function derive(
  password: Buffer,
  salt: Buffer,
  params: ScryptParams,
  keyLength: number,
): Promise<Buffer> {
  const options = { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: scryptMemory(params) };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function checkString(value: unknown, name: string): void {
  if (typeof value !== "string") {
    throw new TypeError(`${name} must be a string, got ${value === null ? "null" : typeof value}`);
  }
}
