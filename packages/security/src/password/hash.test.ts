import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSecurityError, PasswordError } from "../errors";
import { formatHash } from "./format";
import { hashPassword, needsRehash, verifyPassword } from "./hash";

// Cheap parameters keep the suite fast; one test below runs the real defaults.
const cheap = { logN: 4, r: 8, p: 1 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("hashPassword / verifyPassword", () => {
  it("round-trips and rejects a wrong password", async () => {
    const stored = await hashPassword("correct horse battery staple", cheap);
    expect(stored).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", stored)).toBe(false);
    expect(await verifyPassword("Correct horse battery staple", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("uses the default parameters (ln=15, r=8, p=1) when given none", async () => {
    const stored = await hashPassword("hunter2");
    expect(stored.startsWith("$scrypt$ln=15,r=8,p=1$")).toBe(true);
    expect(await verifyPassword("hunter2", stored)).toBe(true);
    expect(needsRehash(stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same", cheap), hashPassword("same", cheap)]);
    expect(a).not.toBe(b);
    expect(a.split("$")[3]).not.toBe(b.split("$")[3]);
  });

  it("stores exactly scrypt(NFC password, salt) as documented", async () => {
    const stored = await hashPassword("pässword", cheap);
    const [, , , saltText, hashText] = stored.split("$");
    const expected = scryptSync(
      Buffer.from("pässword".normalize("NFC")),
      Buffer.from(saltText!, "base64"),
      32,
      {
        N: 16,
        r: 8,
        p: 1,
      },
    );
    expect(Buffer.from(hashText!, "base64").equals(expected)).toBe(true);
  });

  it("verifies hashes made elsewhere with other salt and key lengths", async () => {
    const salt = Buffer.alloc(32, 3);
    const key = scryptSync("legacy", salt, 64, { N: 32, r: 2, p: 2 });
    const stored = formatHash({ logN: 5, r: 2, p: 2 }, salt, key);
    expect(await verifyPassword("legacy", stored)).toBe(true);
    expect(await verifyPassword("legacy!", stored)).toBe(false);
  });

  it("detects any change to the stored hash", async () => {
    const stored = await hashPassword("secret", cheap);
    const parts = stored.split("$");
    const hashBytes = Buffer.from(parts[4]!, "base64");
    hashBytes[0]! ^= 1;
    const flipped = [...parts.slice(0, 4), hashBytes.toString("base64").replace(/=+$/, "")].join(
      "$",
    );
    expect(await verifyPassword("secret", flipped)).toBe(false);
    expect(await verifyPassword("secret", stored.replace("ln=4", "ln=5"))).toBe(false);
    expect(await verifyPassword("secret", stored.replace("p=1", "p=2"))).toBe(false);
  });

  describe("unicode", () => {
    it("treats composed and decomposed forms as the same password (NFC)", async () => {
      const composed = "caf\u00e9-\uac00"; // é and the Hangul syllable 가
      const decomposed = "cafe\u0301-\u1100\u1161";
      expect(composed).not.toBe(decomposed);
      const stored = await hashPassword(decomposed, cheap);
      expect(await verifyPassword(composed, stored)).toBe(true);
    });

    it("keeps compatibility characters distinct (no NFKC folding)", async () => {
      const stored = await hashPassword("\ufb01le-\uff11", cheap); // ligature ﬁ and full-width 1
      expect(await verifyPassword("\ufb01le-\uff11", stored)).toBe(true);
      expect(await verifyPassword("file-1", stored)).toBe(false);
    });

    it("round-trips emoji and other scripts", async () => {
      const password = "🔑 пароль 密码 كلمة";
      const stored = await hashPassword(password, cheap);
      expect(await verifyPassword(password, stored)).toBe(true);
      expect(await verifyPassword("🔐 пароль 密码 كلمة", stored)).toBe(false);
    });

    it("refuses lone surrogates, which UTF-8 would collapse into one character", async () => {
      const error = await rejection(hashPassword("abc\ud800", cheap));
      expect(error).toBeInstanceOf(PasswordError);
      expect((error as PasswordError).code).toBe("PASSWORD_INVALID_UNICODE");
      const stored = await hashPassword("abc\ufffd", cheap);
      expect(await verifyPassword("abc\ud800", stored)).toBe(false);
    });
  });

  describe("length limit (1024 UTF-8 bytes after NFC)", () => {
    it("accepts exactly 1024 bytes and refuses 1025", async () => {
      const stored = await hashPassword("a".repeat(1024), cheap);
      expect(await verifyPassword("a".repeat(1024), stored)).toBe(true);
      const error = await rejection(hashPassword("a".repeat(1025), cheap));
      expect((error as PasswordError).code).toBe("PASSWORD_TOO_LONG");
      expect(await verifyPassword("a".repeat(1025), stored)).toBe(false);
    });

    it("counts bytes, not characters, after normalization", async () => {
      await expect(hashPassword("\u00e9".repeat(513), cheap)).rejects.toMatchObject({
        code: "PASSWORD_TOO_LONG",
      });
      // 512 × (e + U+0301) is 1536 bytes as typed but 1024 once composed.
      const stored = await hashPassword("e\u0301".repeat(512), cheap);
      expect(await verifyPassword("\u00e9".repeat(512), stored)).toBe(true);
    });

    it("refuses a megabyte password without normalizing it", async () => {
      await expect(hashPassword("x".repeat(1_000_000), cheap)).rejects.toMatchObject({
        code: "PASSWORD_TOO_LONG",
      });
    });
  });

  it("accepts the empty password (policy belongs to the app's validation)", async () => {
    const stored = await hashPassword("", cheap);
    expect(await verifyPassword("", stored)).toBe(true);
    expect(await verifyPassword(" ", stored)).toBe(false);
  });

  it("throws a TypeError on non-string input, to either function", async () => {
    const stored = await hashPassword("x", cheap);
    await expect(hashPassword(123 as unknown as string)).rejects.toThrow(TypeError);
    await expect(verifyPassword(undefined as unknown as string, stored)).rejects.toThrow(TypeError);
    await expect(verifyPassword("x", null as unknown as string)).rejects.toThrow(
      /hash must be a string, got null/,
    );
    expect(() => needsRehash(42 as unknown as string)).toThrow(TypeError);
  });

  it("throws a config error on parameters outside the limits", async () => {
    for (const options of [{ logN: 21 }, { r: 0 }, { p: 1.5 }, { logN: 18, r: 16 }]) {
      const error = await rejection(hashPassword("x", options));
      expect(isSecurityError(error) && error.code).toBe("SECURITY_CONFIG_INVALID");
    }
  });
});

describe("verifyPassword on malformed or hostile hashes", () => {
  const salt = Buffer.alloc(16, 1).toString("base64").replace(/=+$/, "");
  const key = Buffer.alloc(32, 2).toString("base64").replace(/=+$/, "");
  const make = (params: string, s = salt, k = key) => `$scrypt$${params}$${s}$${k}`;

  it.each([
    ["empty", ""],
    ["plain text", "hunter2"],
    ["another scheme", `$argon2id$v=19$m=65536,t=3,p=4$${salt}$${key}`],
    ["bcrypt", "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"],
    ["no parts", "$scrypt$"],
    ["missing hash", `$scrypt$ln=4,r=8,p=1$${salt}`],
    ["extra part", `${make("ln=4,r=8,p=1")}$extra`],
    ["trailing newline", `${make("ln=4,r=8,p=1")}\n`],
    ["params reordered", make("r=8,ln=4,p=1")],
    ["leading zero", make("ln=04,r=8,p=1")],
    ["ln=0", make("ln=0,r=8,p=1")],
    ["ln=30 (a DoS: 128 GiB)", make("ln=30,r=8,p=1")],
    ["ln=21", make("ln=21,r=8,p=1")],
    ["r=999", make("ln=4,r=999,p=1")],
    ["p=999", make("ln=4,r=8,p=999")],
    ["work above 2^22", make("ln=17,r=8,p=5")],
    ["N not below 2^(16r)", make("ln=16,r=1,p=1")],
    ["padded base64", make("ln=4,r=8,p=1", `${salt}==`)],
    ["base64url alphabet", make("ln=4,r=8,p=1", salt.replace(/A/g, "-"))],
    ["salt too short", make("ln=4,r=8,p=1", "AAAAAAAA")],
    ["key too short", make("ln=4,r=8,p=1", salt, "AAAAAAAAAAAA")],
    ["huge", "$scrypt$".padEnd(1_000_000, "A")],
    // The argon2id one is well formed, so it is computed (64 MiB): slow on a loaded machine.
  ])(
    "%s: false, no error",
    async (_name, hash) => {
      expect(await verifyPassword("hunter2", hash)).toBe(false);
    },
    60_000,
  );
});

describe("needsRehash", () => {
  it("is false for a hash made with the current parameters, or stronger ones", async () => {
    const stored = await hashPassword("x", cheap);
    expect(needsRehash(stored, cheap)).toBe(false);
    expect(needsRehash(stored, { logN: 3, r: 8, p: 1 })).toBe(false);
  });

  it("is true when any parameter is below the current ones", async () => {
    const stored = await hashPassword("x", cheap);
    expect(needsRehash(stored, { logN: 5, r: 8, p: 1 })).toBe(true);
    expect(needsRehash(stored, { logN: 4, r: 9, p: 1 })).toBe(true);
    expect(needsRehash(stored, { logN: 4, r: 8, p: 2 })).toBe(true);
    expect(needsRehash(stored)).toBe(true); // the defaults are ln=15
  });

  it("is true for short salts or keys and for hashes it cannot read", () => {
    expect(needsRehash(formatHash(cheap, Buffer.alloc(8), Buffer.alloc(32)), cheap)).toBe(true);
    expect(needsRehash(formatHash(cheap, Buffer.alloc(16), Buffer.alloc(16)), cheap)).toBe(true);
    expect(needsRehash("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")).toBe(true);
    expect(needsRehash("")).toBe(true);
  });

  it("throws a config error for target parameters outside the limits", () => {
    expect(() => needsRehash("", { logN: 99 })).toThrow(/needsRehash: logN/);
  });
});
