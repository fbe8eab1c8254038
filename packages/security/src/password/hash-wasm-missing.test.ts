import { describe, expect, it, vi } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "./hash";

// As if the optional peer were not installed.
vi.mock("hash-wasm", () => {
  throw new Error("Cannot find package 'hash-wasm'");
});

const ARGON2 = "$argon2id$v=19$m=1024,t=2,p=1$5dEObXwwL5+r2BpJv9HNHw$Xx9vfHjVD9h9Nbas7hxpww";
const BCRYPT = "$2b$04$6q5LWr881g4yTCsNak8GueZTzEIcoPcoOl8DS4.NuW/v7ghef2XS.";

describe("without hash-wasm", () => {
  it("scrypt works as before", async () => {
    const stored = await hashPassword("x", { logN: 4 });
    expect(await verifyPassword("x", stored)).toBe(true);
  });

  it("a well-formed argon2 or bcrypt hash throws a config error naming the package", async () => {
    for (const hash of [ARGON2, BCRYPT]) {
      await expect(verifyPassword("x", hash)).rejects.toMatchObject({
        code: "SECURITY_CONFIG_INVALID",
        message: expect.stringMatching(/needs the optional package hash-wasm: install it/),
      });
    }
    await expect(hashPassword("x", { algorithm: "argon2id" })).rejects.toThrow(
      /hashPassword with an argon2id hash needs the optional package hash-wasm/,
    );
  });

  it("malformed foreign hashes are still false, and needsRehash needs no package", async () => {
    expect(await verifyPassword("x", "$argon2id$v=19$m=1024")).toBe(false);
    expect(await verifyPassword("x", "$2b$04$short")).toBe(false);
    expect(needsRehash(ARGON2)).toBe(true);
    expect(
      needsRehash(ARGON2, { algorithm: "argon2id", memoryCost: 1024, timeCost: 2, parallelism: 1 }),
    ).toBe(true);
  });
});
