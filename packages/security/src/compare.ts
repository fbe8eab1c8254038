import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets (an API key, a Basic password) in constant time.
 *
 * Both sides are hashed with SHA-256 first, so the comparison itself always runs over 32 bytes:
 * there is no early exit on a length mismatch, and the time spent does not reveal how many
 * leading bytes matched. Hashing takes time proportional to each input's own length, which
 * reveals no more than the attacker's input already does. Strings are compared as UTF-8.
 */
export function safeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const left = digest(a, "a");
  const right = digest(b, "b");
  return timingSafeEqual(left, right);
}

function digest(value: string | Uint8Array, name: string): Buffer {
  if (typeof value !== "string" && !(value instanceof Uint8Array)) {
    throw new TypeError(`safeEqual: ${name} must be a string or a Uint8Array, got ${typeof value}`);
  }
  return createHash("sha256").update(value).digest();
}

/**
 * True when `value` equals one of `candidates` (API keys, say), in constant time: every
 * candidate is compared, whichever matches, so timing reveals neither which key matched nor
 * how many there are beyond the list's length.
 */
export function safeEqualAny(
  value: string | Uint8Array,
  candidates: readonly (string | Uint8Array)[],
): boolean {
  if (!Array.isArray(candidates)) {
    throw new TypeError("safeEqualAny: candidates must be an array");
  }
  const wanted = digest(value, "value");
  let found = false;
  for (const candidate of candidates) {
    // The comparison comes first, so no candidate is skipped once one has matched.
    found = timingSafeEqual(wanted, digest(candidate, "candidate")) || found;
  }
  return found;
}

/** The pair HTTPBasic yields, or any object with the two strings. */
export interface BasicCredentialsLike {
  readonly username: string;
  readonly password: string;
}

/**
 * Checks Basic credentials against the expected pair in constant time. Both fields are always
 * compared, so a wrong username takes as long as a wrong password.
 */
export function verifyBasic(
  credentials: BasicCredentialsLike,
  expected: BasicCredentialsLike,
): boolean {
  const username = safeEqual(credentials.username, expected.username);
  const password = safeEqual(credentials.password, expected.password);
  return username && password;
}
