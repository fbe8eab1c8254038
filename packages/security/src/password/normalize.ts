/** Longest password accepted, in UTF-8 bytes after normalization. */
export const MAX_PASSWORD_BYTES = 1024;

// NFC can shrink a string about 3× (Hangul jamo compose); anything longer than this is
// over the limit after normalization too, so the normalizer never sees megabytes.
const MAX_RAW_LENGTH = MAX_PASSWORD_BYTES * 4;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The bytes scrypt hashes: the password in Unicode NFC, encoded as UTF-8.
 *
 * NFC (RFC 8265's OpaqueString profile, as used by PRECIS) makes "é" typed as one code point
 * or as "e" + combining accent the same password, without NFKC's folding of distinct
 * characters ("ﬁ" and "fi", full-width and ASCII digits stay different). NFC of assigned
 * characters is stable across Unicode versions, so stored hashes keep verifying.
 * Lone surrogates are refused: UTF-8 would turn them all into U+FFFD, making different
 * passwords equal.
 */
export function passwordBytes(
  password: string,
): Buffer | "PASSWORD_TOO_LONG" | "PASSWORD_INVALID_UNICODE" {
  if (password.length > MAX_RAW_LENGTH) return "PASSWORD_TOO_LONG";
  if (LONE_SURROGATE.test(password)) return "PASSWORD_INVALID_UNICODE";
  const bytes = Buffer.from(password.normalize("NFC"), "utf8");
  return bytes.length > MAX_PASSWORD_BYTES ? "PASSWORD_TOO_LONG" : bytes;
}
