import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { PasswordError } from "../errors";
import { formatHash, hasCurrentLengths, parseHash } from "./format";
import { MAX_PASSWORD_BYTES, passwordBytes } from "./normalize";
import {
  KEY_BYTES,
  type PasswordHashOptions,
  resolveParams,
  SALT_BYTES,
  type ScryptParams,
  scryptMemory,
} from "./params";

/**
 * Hashes a password with scrypt and a fresh 16-byte salt, returning the self-describing
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` string to store. Runs on libuv's thread pool.
 * Throws `TypeError` for a non-string, `PasswordError` for a password over 1024 UTF-8 bytes or
 * with lone surrogates, `SecurityConfigError` for parameters outside `SCRYPT_LIMITS`.
 */
export async function hashPassword(
  password: string,
  options?: PasswordHashOptions,
): Promise<string> {
  checkString(password, "password");
  const params = resolveParams(options, "hashPassword");
  const bytes = passwordBytes(password);
  if (bytes === "PASSWORD_TOO_LONG") {
    throw new PasswordError(bytes, `Password is longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
  if (bytes === "PASSWORD_INVALID_UNICODE") {
    throw new PasswordError(bytes, "Password contains unpaired surrogate characters");
  }
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(bytes, salt, params, KEY_BYTES);
  return formatHash(params, salt, hash);
}

/**
 * True when `password` matches the stored `hash`; the comparison runs in constant time.
 * A malformed hash, one with parameters outside `SCRYPT_LIMITS`, or a password `hashPassword`
 * would refuse gives false, never an error. Throws `TypeError` if either argument is not a string.
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  checkString(password, "password");
  checkString(hash, "hash");
  const parsed = parseHash(hash);
  if (parsed === undefined) return false;
  const bytes = passwordBytes(password);
  if (typeof bytes === "string") return false;
  const derived = await derive(bytes, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(derived, parsed.hash);
}

/**
 * True when the stored hash should be replaced (after a successful `verifyPassword`, while
 * the plain password is at hand): any parameter below the current ones (`options` over the
 * defaults), a shorter salt or key, or a hash this module cannot read.
 */
export function needsRehash(hash: string, options?: PasswordHashOptions): boolean {
  checkString(hash, "hash");
  const target = resolveParams(options, "needsRehash");
  const parsed = parseHash(hash);
  if (parsed === undefined) return true;
  const { logN, r, p } = parsed.params;
  return logN < target.logN || r < target.r || p < target.p || !hasCurrentLengths(parsed);
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
