import { timingSafeEqual } from "node:crypto";
import { parseBcryptHash } from "./bcrypt-format";
import { passwordCandidates } from "./candidates";
import { loadHashWasm } from "./hash-wasm";

/** bcrypt reads at most this many bytes of the password; longer ones were cut when hashed. */
const BCRYPT_MAX_BYTES = 72;
// bcrypt keys with the password and its NUL terminator repeated over 72 bytes, so "" and "\0"
// give the same all-zero key; hash-wasm refuses an empty password but computes "\0".
const EMPTY_KEY = Buffer.from([0]);

/**
 * Verifies a `$2a$`, `$2b$` or `$2y$` bcrypt hash (passlib, Python's bcrypt, the `bcrypt` and
 * `bcryptjs` npm packages, PHP's password_hash). Only the first 72 bytes of the password count,
 * as in every bcrypt that made such hashes. Malformed hashes are false without loading hash-wasm.
 */
export async function verifyBcryptHash(password: string, text: string): Promise<boolean> {
  const parsed = parseBcryptHash(text);
  if (parsed === undefined) return false;
  const candidates = passwordCandidates(password);
  if (candidates.length === 0) return false;
  const lib = await loadHashWasm(`verifyPassword with a bcrypt hash`);
  const expected = Buffer.from(parsed.hashText, "latin1");
  for (const bytes of candidates) {
    const encoded = await lib.bcrypt({
      password: bytes.length === 0 ? EMPTY_KEY : bytes.subarray(0, BCRYPT_MAX_BYTES),
      salt: parsed.salt,
      costFactor: parsed.cost,
      outputType: "encoded",
    });
    // The last 31 characters are the hash; the prefix only repeats the variant, cost and salt.
    if (timingSafeEqual(Buffer.from(encoded.slice(-31), "latin1"), expected)) return true;
  }
  return false;
}
