import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "./hash";

// Made by the reference implementations (Debian's python3-argon2 21.1.0 = argon2-cffi over
// libargon2, python3-bcrypt 3.2.2, python3-passlib 1.7.4), e.g.
//   argon2.PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1).hash(password)
//   bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4))
//   passlib.hash.bcrypt.using(ident="2y", rounds=4).hash(password)
const STAPLE = "correct horse battery staple";
const ARGON2 = {
  // argon2-cffi ≥ 21.2's defaults (RFC 9106's second option), what pwdlib's recommended() makes.
  pwdlibDefaults:
    "$argon2id$v=19$m=65536,t=3,p=4$Z+J9fUj7/ezrBkiaS+d34g$KOqywu0RXNemIlsEckJ2w/oAXBFXB63kdaZCFVtyqhg",
  staple: "$argon2id$v=19$m=1024,t=2,p=1$5dEObXwwL5+r2BpJv9HNHw$Xx9vfHjVD9h9Nbas7hxpww",
  // "pässword" typed with ä composed (U+00E4) and decomposed (a + U+0308), hashed as typed.
  composed: "$argon2id$v=19$m=1024,t=2,p=1$3rUEgdnP00Zg5l+e51x4Lw$JZymlby8F/dyqdPY+m56NA",
  decomposed: "$argon2id$v=19$m=1024,t=2,p=1$t5xFIm4rM5J84SrIHmzSvg$K5BOCokx4FeR3GSNfzWPUg",
  // hash_secret(b"hunter2", 32 random bytes, t=1, m=512, p=2, hash_len=64, Type.ID)
  longSaltAndKey:
    "$argon2id$v=19$m=512,t=1,p=2$bxx241EFUgFszf+fsb3YCpR2VQX3qzeovy4CKv5s9Pg$bAyIC0mHhHP/HJlC0rjjL0mBWR81y7iS0Ii00R4nud6524/lGtJR1WxvkOYkKr4sVesQSaEqrMQiNZJ5ecvW/w",
  argon2i:
    "$argon2i$v=19$m=256,t=2,p=1$5Fn1JK8xLT8a5Nl1hSbgFw$tK+2UZX+mUt1Z43kPR+bc3pLPWIC0NSQTti37bjuR40",
  argon2d:
    "$argon2d$v=19$m=256,t=2,p=1$Li4Sbxc+py+7B2cSAQL2OA$XJ31EZ3VFqF9460bOixmY46RA26grfPd9/+AKPp84jI",
};
const BCRYPT = {
  b: "$2b$04$6q5LWr881g4yTCsNak8GueZTzEIcoPcoOl8DS4.NuW/v7ghef2XS.",
  a: "$2a$05$uQWUplaUCf3947qXOqgAWOOtKbGbzxC3iheovKrTORXUC13rbW/FS",
  y: "$2y$04$yM1HqZZsgPSAzknk4m5Tq.zIOrvDNocE.iU3iHABq/3FtID7xbK6y",
  unicode: "$2b$04$este3.CRJVyELNBSsdvb8OwTqj8Ddspr5vJqILkQLsHALj9C27WfW", // "pässword"
  long: "$2b$04$JuaZYS8TkNdoqG0.Xk1SIeEkXWKsyXGP3wSXs4Rd86Vhmewt1o2Ka", // 72 × "a" + "tail"
  cost10: "$2b$10$H.W/559ZnzZfxRdzN.mXx.qCx4.azCr8UHhyHCP0ddCgPgx9b9Re2", // "secret"
  empty: "$2b$04$Nfa5.nnaPryBgemRcw2KAeFRc1E7xlS0mQajkrVyz/0nPDS/R5eV.", // ""
};
// Slow on a loaded machine: WebAssembly runs the lanes one after the other.
const SLOW = 60_000;

// johndoe's rows ("secret") in FastAPI's OAuth2/JWT tutorial: today's (pwdlib, Argon2) and
// the one before it (passlib, bcrypt).
const FASTAPI_TUTORIAL = {
  argon2id:
    "$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc",
  bcrypt: "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
};

describe("verifyPassword with FastAPI's tutorial hashes", () => {
  it(
    "verifies both, and refuses a wrong password",
    async () => {
      for (const hash of Object.values(FASTAPI_TUTORIAL)) {
        expect(await verifyPassword("secret", hash)).toBe(true);
        expect(await verifyPassword("secret2", hash)).toBe(false);
      }
    },
    SLOW,
  );
});

describe("verifyPassword with argon2 hashes from other libraries", () => {
  it(
    "verifies pwdlib's default argon2id hash (m=64 MiB, t=3, p=4)",
    async () => {
      expect(await verifyPassword("secret", ARGON2.pwdlibDefaults)).toBe(true);
      expect(await verifyPassword("Secret", ARGON2.pwdlibDefaults)).toBe(false);
    },
    SLOW,
  );

  it("verifies argon2id, argon2i and argon2d, and refuses wrong passwords", async () => {
    expect(await verifyPassword(STAPLE, ARGON2.staple)).toBe(true);
    expect(await verifyPassword(`${STAPLE} `, ARGON2.staple)).toBe(false);
    expect(await verifyPassword("", ARGON2.staple)).toBe(false);
    expect(await verifyPassword("hunter2", ARGON2.longSaltAndKey)).toBe(true);
    expect(await verifyPassword("hunter3", ARGON2.longSaltAndKey)).toBe(false);
    expect(await verifyPassword("hunter2", ARGON2.argon2i)).toBe(true);
    expect(await verifyPassword("hunter2", ARGON2.argon2d)).toBe(true);
    expect(await verifyPassword("hunter", ARGON2.argon2i)).toBe(false);
    // Same salt and hash under another type is another hash.
    expect(await verifyPassword("hunter2", ARGON2.argon2i.replace("argon2i", "argon2d"))).toBe(
      false,
    );
  });

  it("accepts the password as typed or in NFC, as the other library hashed the bytes it got", async () => {
    const composed = "p\u00e4ssword";
    const decomposed = "pa\u0308ssword";
    expect(await verifyPassword(composed, ARGON2.composed)).toBe(true);
    expect(await verifyPassword(decomposed, ARGON2.composed)).toBe(true); // NFC of it
    expect(await verifyPassword(decomposed, ARGON2.decomposed)).toBe(true); // as typed
    expect(await verifyPassword("passsword", ARGON2.composed)).toBe(false);
  });

  it("detects any change to the stored hash or its parameters", async () => {
    expect(await verifyPassword(STAPLE, ARGON2.staple.replace("t=2", "t=3"))).toBe(false);
    expect(await verifyPassword(STAPLE, ARGON2.staple.replace("m=1024", "m=1025"))).toBe(false);
    expect(await verifyPassword(STAPLE, ARGON2.staple.replace("p=1", "p=2"))).toBe(false);
    expect(await verifyPassword(STAPLE, ARGON2.staple.replace("Xx9v", "Xx9w"))).toBe(false);
  });
});

describe("verifyPassword with bcrypt hashes from other libraries", () => {
  it("verifies $2b$, $2a$ and $2y$, and refuses wrong passwords", async () => {
    for (const hash of [BCRYPT.b, BCRYPT.a, BCRYPT.y]) {
      expect(await verifyPassword(STAPLE, hash)).toBe(true);
      expect(await verifyPassword(`${STAPLE}!`, hash)).toBe(false);
      expect(await verifyPassword("", hash)).toBe(false);
    }
    expect(await verifyPassword("secret", BCRYPT.cost10)).toBe(true);
    expect(await verifyPassword("secreT", BCRYPT.cost10)).toBe(false);
  });

  it("verifies the empty password", async () => {
    expect(await verifyPassword("", BCRYPT.empty)).toBe(true);
    expect(await verifyPassword("\0", BCRYPT.empty)).toBe(true); // bcrypt's key is the same
    expect(await verifyPassword(" ", BCRYPT.empty)).toBe(false);
  });

  it("verifies UTF-8 passwords", async () => {
    expect(await verifyPassword("p\u00e4ssword", BCRYPT.unicode)).toBe(true);
    expect(await verifyPassword("pa\u0308ssword", BCRYPT.unicode)).toBe(true);
    expect(await verifyPassword("password", BCRYPT.unicode)).toBe(false);
  });

  it("counts only the first 72 bytes, as the bcrypt that made the hash did", async () => {
    expect(await verifyPassword(`${"a".repeat(72)}tail`, BCRYPT.long)).toBe(true);
    expect(await verifyPassword(`${"a".repeat(72)}else`, BCRYPT.long)).toBe(true);
    expect(await verifyPassword("a".repeat(71), BCRYPT.long)).toBe(false);
  });

  it("detects a change to the hash, the cost or the salt", async () => {
    expect(await verifyPassword(STAPLE, BCRYPT.b.replace("$04$", "$05$"))).toBe(false);
    expect(await verifyPassword(STAPLE, BCRYPT.b.replace("6q5L", "6q5M"))).toBe(false);
    expect(await verifyPassword(STAPLE, `${BCRYPT.b.slice(0, -1)}/`)).toBe(false);
  });
});

describe("verifyPassword on malformed argon2 and bcrypt hashes", () => {
  const salt = Buffer.alloc(16, 1).toString("base64").replace(/=+$/, "");
  const key = Buffer.alloc(32, 2).toString("base64").replace(/=+$/, "");
  const argon2 = (params: string, s = salt, k = key) => `$argon2id$${params}$${s}$${k}`;

  it.each([
    ["argon2 without a version (v=16)", `$argon2id$m=1024,t=2,p=1$${salt}$${key}`],
    ["argon2 v=16", argon2("v=16$m=1024,t=2,p=1")],
    ["argon2 parameters reordered", argon2("v=19$t=2,m=1024,p=1")],
    ["argon2 with keyid", argon2("v=19$m=1024,t=2,p=1,keyid=abc")],
    ["argon2 m below 8·p", argon2("v=19$m=8,t=1,p=2")],
    ["argon2 m=4 GiB (a DoS)", argon2("v=19$m=4194304,t=1,p=1")],
    ["argon2 t=1000", argon2("v=19$m=1024,t=1000,p=1")],
    ["argon2 m·t above 2^20", argon2("v=19$m=262144,t=8,p=1")],
    ["argon2 p=0", argon2("v=19$m=1024,t=2,p=0")],
    ["argon2 leading zero", argon2("v=19$m=01024,t=2,p=1")],
    ["argon2 padded salt", argon2("v=19$m=1024,t=2,p=1", `${salt}==`)],
    ["argon2 short salt", argon2("v=19$m=1024,t=2,p=1", "AAAAAAAA")],
    ["argon2 short key", argon2("v=19$m=1024,t=2,p=1", salt, "AAAAAAAAAAAA")],
    ["argon2 missing key", `$argon2id$v=19$m=1024,t=2,p=1$${salt}`],
    ["argon2 unknown type", `$argon2x$v=19$m=1024,t=2,p=1$${salt}$${key}`],
    ["argon2 trailing newline", `${argon2("v=19$m=1024,t=2,p=1")}\n`],
    ["argon2 huge", "$argon2id$".padEnd(1_000_000, "A")],
    ["bcrypt $2x$", BCRYPT.b.replace("$2b$", "$2x$")],
    ["bcrypt $2$", BCRYPT.b.replace("$2b$", "$2$")],
    ["bcrypt cost 03", BCRYPT.b.replace("$04$", "$03$")],
    ["bcrypt cost 31 (a DoS)", BCRYPT.b.replace("$04$", "$31$")],
    ["bcrypt one-digit cost", BCRYPT.b.replace("$04$", "$4$")],
    ["bcrypt short", BCRYPT.b.slice(0, -1)],
    ["bcrypt long", `${BCRYPT.b}A`],
    ["bcrypt standard base64 alphabet", BCRYPT.b.replace(".", "+")],
    ["bcrypt huge", "$2b$04$".padEnd(1_000_000, "A")],
  ])("%s: false, no error", async (_name, hash) => {
    expect(await verifyPassword(STAPLE, hash)).toBe(false);
  });

  it("refuses lone surrogates and over-long passwords without hashing", async () => {
    expect(await verifyPassword("abc\ud800", ARGON2.staple)).toBe(false);
    expect(await verifyPassword("a".repeat(1025), BCRYPT.b)).toBe(false);
  });
});

describe("hashPassword with algorithm argon2id", () => {
  const cheap = { algorithm: "argon2id", memoryCost: 64, timeCost: 1, parallelism: 1 } as const;

  it("makes an argon2id PHC string that verifies", async () => {
    const stored = await hashPassword("pässword", cheap);
    expect(stored).toMatch(
      /^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    expect(await verifyPassword("pässword", stored)).toBe(true);
    expect(await verifyPassword("pa\u0308ssword", stored)).toBe(true); // stored as NFC
    expect(await verifyPassword("passwörd", stored)).toBe(false);
    expect(needsRehash(stored, cheap)).toBe(false);
  });

  it(
    "uses pwdlib's defaults (m=65536, t=3, p=4) when given only the algorithm",
    async () => {
      const stored = await hashPassword("secret", { algorithm: "argon2id" });
      expect(stored.startsWith("$argon2id$v=19$m=65536,t=3,p=4$")).toBe(true);
      expect(needsRehash(stored, { algorithm: "argon2id" })).toBe(false);
      expect(needsRehash(ARGON2.pwdlibDefaults, { algorithm: "argon2id" })).toBe(false);
    },
    SLOW,
  );

  it("refuses the empty password, which hash-wasm cannot hash (scrypt can)", async () => {
    await expect(hashPassword("", cheap)).rejects.toMatchObject({ code: "PASSWORD_EMPTY" });
  });

  it("throws a config error for parameters outside the limits or of the other algorithm", async () => {
    for (const options of [
      { algorithm: "argon2id", memoryCost: 1 << 20 },
      { algorithm: "argon2id", timeCost: 0 },
      { algorithm: "argon2id", parallelism: 17 },
      { algorithm: "argon2id", logN: 4 },
      { algorithm: "scrypt", memoryCost: 1024 },
      { algorithm: "bcrypt" },
    ]) {
      await expect(hashPassword("x", options as never)).rejects.toMatchObject({
        code: "SECURITY_CONFIG_INVALID",
      });
    }
  });
});

describe("needsRehash across algorithms", () => {
  const scrypt = { logN: 4, r: 8, p: 1 };
  const argon2id = {
    algorithm: "argon2id",
    memoryCost: 1024,
    timeCost: 2,
    parallelism: 1,
  } as const;

  it("with scrypt configured (the default), every argon2 and bcrypt hash is rehashed", () => {
    for (const hash of [...Object.values(ARGON2), ...Object.values(BCRYPT)]) {
      expect(needsRehash(hash)).toBe(true);
      expect(needsRehash(hash, scrypt)).toBe(true);
      expect(needsRehash(hash, { algorithm: "scrypt" })).toBe(true);
    }
  });

  it("with argon2id configured, scrypt, bcrypt, argon2i and argon2d hashes are rehashed", async () => {
    const stored = await hashPassword("x", scrypt);
    for (const hash of [stored, BCRYPT.b, BCRYPT.a, BCRYPT.y, ARGON2.argon2i, ARGON2.argon2d, ""]) {
      expect(needsRehash(hash, argon2id)).toBe(true);
    }
  });

  it("with argon2id configured, compares parameters, salt and key lengths", () => {
    // ARGON2.staple: m=1024, t=2, p=1, 16-byte salt, 16-byte key (argon2-cffi 21.1's hash_len).
    expect(needsRehash(ARGON2.staple, { ...argon2id })).toBe(true); // key shorter than 32
    // 32-byte salt, 64-byte key, m=512, t=1, p=2.
    const long = ARGON2.longSaltAndKey;
    expect(
      needsRehash(long, { algorithm: "argon2id", memoryCost: 512, timeCost: 1, parallelism: 2 }),
    ).toBe(false);
    expect(
      needsRehash(long, { algorithm: "argon2id", memoryCost: 256, timeCost: 1, parallelism: 1 }),
    ).toBe(false);
    expect(
      needsRehash(long, { algorithm: "argon2id", memoryCost: 1024, timeCost: 1, parallelism: 2 }),
    ).toBe(true);
    expect(
      needsRehash(long, { algorithm: "argon2id", memoryCost: 512, timeCost: 2, parallelism: 2 }),
    ).toBe(true);
    expect(
      needsRehash(long, { algorithm: "argon2id", memoryCost: 512, timeCost: 1, parallelism: 3 }),
    ).toBe(true);
    expect(needsRehash(ARGON2.pwdlibDefaults, { algorithm: "argon2id" })).toBe(false);
    expect(needsRehash(ARGON2.pwdlibDefaults, { algorithm: "argon2id", timeCost: 4 })).toBe(true);
  });

  it("throws a config error for target parameters outside the limits", () => {
    expect(() => needsRehash("", { algorithm: "argon2id", timeCost: 99 })).toThrow(
      /needsRehash: timeCost/,
    );
  });
});
