import { KEY_BYTES, paramsProblem, SALT_BYTES, type ScryptParams } from "./params";
import { encodePhcBase64 as b64, decodePhcBase64 as unb64 } from "./phc-base64";

/**
 * The stored form, in the PHC string format (as passlib and libsodium write scrypt):
 *
 *     $scrypt$ln=15,r=8,p=1$<salt>$<hash>
 *
 * `ln` is log2(N); salt and hash are standard base64 without padding. Everything needed to
 * verify is in the string, so parameters can be raised later without breaking old hashes.
 */
export interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

const MAX_HASH_STRING = 256;
// Anchored and without nested quantifiers: linear time. Salt 8–64 bytes, hash 16–64 bytes.
const PHC =
  /^\$scrypt\$ln=([1-9]\d?),r=([1-9]\d{0,2}),p=([1-9]\d{0,2})\$([A-Za-z0-9+/]{11,86})\$([A-Za-z0-9+/]{22,86})$/;

export function formatHash(params: ScryptParams, salt: Uint8Array, hash: Uint8Array): string {
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

/** The parts of a stored hash, or undefined if it is not one we can verify within our limits. */
export function parseHash(text: string): ParsedHash | undefined {
  if (text.length > MAX_HASH_STRING) return undefined;
  const match = PHC.exec(text);
  if (match === null) return undefined;
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (paramsProblem(params) !== undefined) return undefined;
  const salt = unb64(match[4]!);
  const hash = unb64(match[5]!);
  if (salt === undefined || hash === undefined) return undefined;
  if (salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64) return undefined;
  return { params, salt, hash };
}

/** True when the stored salt and hash are at least as long as the ones we make now. */
export function hasCurrentLengths(parsed: ParsedHash): boolean {
  return parsed.salt.length >= SALT_BYTES && parsed.hash.length >= KEY_BYTES;
}
