/** A stored bcrypt hash: `$2b$12$<22-character salt><31-character hash>`. */
export interface ParsedBcryptHash {
  /** `2a`, `2b` and `2y` compute the same for passwords up to 72 bytes. */
  variant: "2a" | "2b" | "2y";
  cost: number;
  /** The 16 salt bytes. */
  salt: Buffer;
  /** The hash as stored, in bcrypt's base64. */
  hashText: string;
}

/** bcrypt's cost (log2 of the rounds) accepted in stored hashes: 2^16 rounds is seconds. */
export const BCRYPT_LIMITS = Object.freeze({ minCost: 4, maxCost: 16 });

// $2x$ (crypt_blowfish's sign-extension bug) is refused: it computes something else.
const BCRYPT = /^\$(2[aby])\$(\d\d)\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/;

const BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const STANDARD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function parseBcryptHash(text: string): ParsedBcryptHash | undefined {
  const match = BCRYPT.exec(text);
  if (match === null) return undefined;
  const cost = Number(match[2]);
  if (cost < BCRYPT_LIMITS.minCost || cost > BCRYPT_LIMITS.maxCost) return undefined;
  return {
    variant: match[1] as ParsedBcryptHash["variant"],
    cost,
    salt: decodeBcryptBase64(match[3]!),
    hashText: match[4]!,
  };
}

// Same bit packing as standard base64, another alphabet: 22 characters carry the 16 bytes.
function decodeBcryptBase64(text: string): Buffer {
  let standard = "";
  for (const char of text) standard += STANDARD_ALPHABET[BCRYPT_ALPHABET.indexOf(char)];
  return Buffer.from(standard, "base64").subarray(0, 16);
}
