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
