import { type Argon2Params, argon2ParamsProblem } from "./argon2-params";
import { decodePhcBase64, encodePhcBase64 } from "./phc-base64";

export type Argon2Type = "argon2id" | "argon2i" | "argon2d";

/** A stored argon2 hash: `$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>`. */
export interface ParsedArgon2Hash {
  type: Argon2Type;
  params: Argon2Params;
  salt: Buffer;
  hash: Buffer;
}

const MAX_HASH_STRING = 256;
// What argon2-cffi, libargon2 and pwdlib write: version 19 (0x13) only, no keyid/data fields.
// Anchored, no nested quantifiers: linear time. Salt 8–64 bytes, hash 16–64 bytes.
const PHC =
  /^\$(argon2id|argon2i|argon2d)\$v=19\$m=([1-9]\d{0,6}),t=([1-9]\d{0,2}),p=([1-9]\d{0,2})\$([A-Za-z0-9+/]{11,86})\$([A-Za-z0-9+/]{22,86})$/;

export function formatArgon2Hash(
  type: Argon2Type,
  params: Argon2Params,
  salt: Uint8Array,
  hash: Uint8Array,
): string {
  const { memoryCost: m, timeCost: t, parallelism: p } = params;
  return `$${type}$v=19$m=${m},t=${t},p=${p}$${encodePhcBase64(salt)}$${encodePhcBase64(hash)}`;
}

/** The parts of a stored argon2 hash, or undefined if it is not one we can verify within our limits. */
export function parseArgon2Hash(text: string): ParsedArgon2Hash | undefined {
  if (text.length > MAX_HASH_STRING) return undefined;
  const match = PHC.exec(text);
  if (match === null) return undefined;
  const params = {
    memoryCost: Number(match[2]),
    timeCost: Number(match[3]),
    parallelism: Number(match[4]),
  };
  if (argon2ParamsProblem(params) !== undefined) return undefined;
  const salt = decodePhcBase64(match[5]!);
  const hash = decodePhcBase64(match[6]!);
  if (salt === undefined || hash === undefined) return undefined;
  if (salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64) return undefined;
  return { type: match[1] as Argon2Type, params, salt, hash };
}
