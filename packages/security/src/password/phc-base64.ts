/** Standard base64 without padding, as PHC strings (scrypt, argon2) write salts and hashes. */
export function encodePhcBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("base64")
    .replace(/=+$/, "");
}

// Buffer's decoder is lenient; re-encoding rejects non-canonical text (stray trailing bits,
// a length of 4k+1), so one hash has exactly one spelling.
export function decodePhcBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "base64");
  return encodePhcBase64(bytes) === text ? bytes : undefined;
}
