import { describe, expect, it } from "vitest";
import { formatHash, hasCurrentLengths, parseHash } from "./format";

const salt = Buffer.alloc(16, 7);
const hash = Buffer.alloc(32, 9);

describe("PHC string format", () => {
  it("writes $scrypt$ln=..,r=..,p=..$salt$hash with unpadded base64", () => {
    const text = formatHash({ logN: 15, r: 8, p: 1 }, salt, hash);
    expect(text).toBe(
      `$scrypt$ln=15,r=8,p=1$${salt.toString("base64").replace(/=+$/, "")}$${hash.toString("base64").replace(/=+$/, "")}`,
    );
    expect(text).not.toContain("=$");
  });

  it("reads back what it writes", () => {
    const parsed = parseHash(formatHash({ logN: 12, r: 4, p: 2 }, salt, hash));
    expect(parsed).toEqual({ params: { logN: 12, r: 4, p: 2 }, salt, hash });
    expect(parsed && hasCurrentLengths(parsed)).toBe(true);
  });

  it("reads a subarray's bytes, not its whole backing buffer", () => {
    const backing = Buffer.alloc(64, 1);
    const text = formatHash(
      { logN: 4, r: 8, p: 1 },
      backing.subarray(0, 16),
      backing.subarray(16, 48),
    );
    expect(parseHash(text)?.salt.length).toBe(16);
    expect(parseHash(text)?.hash.length).toBe(32);
  });

  it("flags short salts and keys as not current", () => {
    const parsed = parseHash(
      formatHash({ logN: 4, r: 8, p: 1 }, Buffer.alloc(8), Buffer.alloc(16)),
    );
    expect(parsed).toBeDefined();
    expect(hasCurrentLengths(parsed!)).toBe(false);
  });

  it("rejects a non-canonical base64 spelling", () => {
    const good = formatHash({ logN: 4, r: 8, p: 1 }, salt, hash);
    const hashText = good.split("$")[4]!;
    // 32 bytes leave 2 spare bits in the last character; setting them changes the text, not the bytes.
    const last = hashText.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const tweaked = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(parseHash(good.replace(hashText, hashText.slice(0, -1) + tweaked))).toBeUndefined();
  });
});
