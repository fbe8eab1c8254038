import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import {
  codeOf,
  craftToken,
  ed25519Pair,
  HMAC_SECRET,
  hs256,
  rsaPair,
  thrownCode,
} from "../../test/fixtures/keys";
import { isJwtError, JwtError } from "../errors";
import { createJwt } from "./create-jwt";

const rsa = rsaPair();
const ed = ed25519Pair();
const start = new Date("2030-01-01T00:00:00Z");
const startSeconds = start.getTime() / 1000;

/** A clock the test moves by hand. */
function fakeClock(initial = start) {
  let now = initial;
  return {
    clock: () => now,
    advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)),
  };
}

describe("createJwt round trips", () => {
  it.each([
    ["HS256", { algorithm: "HS256", secret: HMAC_SECRET }],
    ["RS256", { algorithm: "RS256", privateKey: rsa.privateKey }],
    [
      "RS256 from PEM",
      {
        algorithm: "RS256",
        privateKey: rsa.privateKey.export({ format: "pem", type: "pkcs8" }) as string,
      },
    ],
    ["EdDSA", { algorithm: "EdDSA", privateKey: ed.privateKey }],
    ["EdDSA from JWK", { algorithm: "EdDSA", privateKey: ed.privateKey.export({ format: "jwk" }) }],
  ] as const)("%s: signs, verifies, and keeps custom claims", async (alg, keyOptions) => {
    const jwt = createJwt({ ...keyOptions, issuer: "shop", audience: "shop-api" });
    const token = await jwt.sign({ sub: "ann", scopes: ["items:read", "me"], tenant: { id: 7 } });
    expect(decodeProtectedHeader(token)).toEqual({ alg: alg.split(" ")[0], typ: "JWT" });
    const claims = await jwt.verify(token);
    expect(claims).toMatchObject({
      sub: "ann",
      scopes: ["items:read", "me"],
      tenant: { id: 7 },
      iss: "shop",
      aud: "shop-api",
    });
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
  });

  it("a verify-only instance built from the public key verifies what the signer issued", async () => {
    const signer = createJwt({ algorithm: "RS256", privateKey: rsa.privateKey, issuer: "auth" });
    const verifier = createJwt({ algorithm: "RS256", publicKey: rsa.publicKey, issuer: "auth" });
    expect(verifier.canSign).toBe(false);
    expect(signer.canSign).toBe(true);
    expect((await verifier.verify(await signer.sign({ sub: "ann" }))).sub).toBe("ann");
    await expect(verifier.sign({ sub: "ann" })).rejects.toMatchObject({
      code: "SECURITY_CONFIG_INVALID",
    });
  });

  it("a token of another key with the same algorithm fails on its signature", async () => {
    const mine = createJwt({ algorithm: "EdDSA", privateKey: ed.privateKey });
    const theirs = createJwt({ algorithm: "EdDSA", privateKey: ed25519Pair().privateKey });
    expect(await codeOf(mine.verify(await theirs.sign({ sub: "x" })))).toBe(
      "JWT_INVALID_SIGNATURE",
    );
    const otherSecret = createJwt({ algorithm: "HS256", secret: `${HMAC_SECRET}-other` });
    const hs = createJwt({ algorithm: "HS256", secret: HMAC_SECRET });
    expect(await codeOf(hs.verify(await otherSecret.sign({})))).toBe("JWT_INVALID_SIGNATURE");
  });
});

describe("time claims with a fake clock", () => {
  it("writes iat and exp from the clock; expiresIn takes seconds or a duration", async () => {
    const { clock } = fakeClock();
    const jwt = createJwt({ algorithm: "HS256", secret: HMAC_SECRET, expiresIn: "30m", clock });
    const claims = await jwt.verify(await jwt.sign({}));
    expect(claims.iat).toBe(startSeconds);
    expect(claims.exp).toBe(startSeconds + 1800);
    const short = await jwt.verify(await jwt.sign({}, { expiresIn: 60 }));
    expect(short.exp).toBe(startSeconds + 60);
  });

  it("rejects a token once exp has passed, as JWT_EXPIRED", async () => {
    const time = fakeClock();
    const jwt = createJwt({
      algorithm: "HS256",
      secret: HMAC_SECRET,
      expiresIn: 60,
      clock: time.clock,
    });
    const token = await jwt.sign({ sub: "ann" });
    time.advance(59);
    expect((await jwt.verify(token)).sub).toBe("ann");
    time.advance(1);
    const error = await jwt.verify(token).catch((caught: unknown) => caught);
    expect(isJwtError(error)).toBe(true);
    expect(error).toMatchObject({ code: "JWT_EXPIRED", claim: "exp" });
  });

  it("rejects a token before nbf as JWT_NOT_YET_VALID", async () => {
    const time = fakeClock();
    const jwt = createJwt({ algorithm: "HS256", secret: HMAC_SECRET, clock: time.clock });
    const token = await jwt.sign({}, { notBefore: "5m" });
    expect(await codeOf(jwt.verify(token))).toBe("JWT_NOT_YET_VALID");
    time.advance(300);
    expect((await jwt.verify(token)).nbf).toBe(startSeconds + 300);
    const absolute = await jwt.sign({}, { notBefore: new Date(start.getTime() + 3_600_000) });
    expect(await codeOf(jwt.verify(absolute))).toBe("JWT_NOT_YET_VALID");
  });

  it("allows the configured clock tolerance on exp and nbf, and no more", async () => {
    const time = fakeClock();
    const jwt = createJwt({
      algorithm: "HS256",
      secret: HMAC_SECRET,
      expiresIn: 60,
      clockTolerance: "30s",
      clock: time.clock,
    });
    const early = await jwt.sign({}, { notBefore: 30 });
    expect(await codeOf(jwt.verify(early))).toBe("resolved");
    const tooEarly = await jwt.sign({}, { notBefore: 31 });
    expect(await codeOf(jwt.verify(tooEarly))).toBe("JWT_NOT_YET_VALID");
    const token = await jwt.sign({});
    time.advance(89);
    expect(await codeOf(jwt.verify(token))).toBe("resolved");
    time.advance(1);
    expect(await codeOf(jwt.verify(token))).toBe("JWT_EXPIRED");
  });

  it("maxAge rejects tokens issued too long ago", async () => {
    const time = fakeClock();
    const jwt = createJwt({
      algorithm: "HS256",
      secret: HMAC_SECRET,
      expiresIn: "1d",
      clock: time.clock,
    });
    const token = await jwt.sign({});
    time.advance(3600);
    expect(await codeOf(jwt.verify(token, { maxAge: "2h" }))).toBe("resolved");
    expect(await codeOf(jwt.verify(token, { maxAge: "30m" }))).toBe("JWT_EXPIRED");
  });
});

describe("issuer, audience, subject, typ", () => {
  const base = { algorithm: "HS256", secret: HMAC_SECRET } as const;

  it("rejects another issuer and a missing one as JWT_CLAIM_INVALID", async () => {
    const verifier = createJwt({ ...base, issuer: "shop" });
    const other = createJwt({ ...base, issuer: "evil" });
    const none = createJwt(base);
    const error = await verifier.verify(await other.sign({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JwtError);
    expect(error).toMatchObject({ code: "JWT_CLAIM_INVALID", claim: "iss" });
    expect(await codeOf(verifier.verify(await none.sign({})))).toBe("JWT_CLAIM_INVALID");
  });

  it("requires the token's aud to contain one of the accepted audiences", async () => {
    const verifier = createJwt({ ...base, audience: ["shop-api", "admin-api"] });
    const forShop = await createJwt({ ...base, audience: "shop-api" }).sign({});
    const forBoth = await createJwt({ ...base, audience: ["billing", "admin-api"] }).sign({});
    const forOther = await createJwt({ ...base, audience: "billing" }).sign({});
    expect(await codeOf(verifier.verify(forShop))).toBe("resolved");
    expect(await codeOf(verifier.verify(forBoth))).toBe("resolved");
    await expect(verifier.verify(forOther)).rejects.toMatchObject({
      code: "JWT_CLAIM_INVALID",
      claim: "aud",
    });
    expect(await codeOf(verifier.verify(forShop, { audience: "admin-api" }))).toBe(
      "JWT_CLAIM_INVALID",
    );
    // A per-call override does not stick to later calls.
    expect(await codeOf(verifier.verify(forShop))).toBe("resolved");
  });

  it("sign options override sub, aud and jti; verify can require a subject", async () => {
    const jwt = createJwt({ ...base, audience: "a" });
    const token = await jwt.sign(
      { sub: "ann", jti: "1" },
      { subject: "bob", audience: "b", jwtId: "2" },
    );
    const claims = await jwt.verify(token, { audience: "b", subject: "bob" });
    expect(claims).toMatchObject({ sub: "bob", aud: "b", jti: "2" });
    await expect(jwt.verify(token, { audience: "b", subject: "ann" })).rejects.toMatchObject({
      code: "JWT_CLAIM_INVALID",
      claim: "sub",
    });
  });

  it("checks typ only when one was configured", async () => {
    const typed = createJwt({ ...base, typ: "at+jwt" });
    const plain = createJwt(base);
    const token = await typed.sign({});
    expect(decodeProtectedHeader(token).typ).toBe("at+jwt");
    expect(await codeOf(plain.verify(token))).toBe("resolved");
    expect(await codeOf(typed.verify(await plain.sign({})))).toBe("JWT_CLAIM_INVALID");
  });
});

describe("sign refuses claims that belong to the options", () => {
  const jwt = createJwt({ algorithm: "HS256", secret: HMAC_SECRET });

  it.each(["iss", "aud", "exp", "nbf", "iat"])("%s in claims is a config error", async (claim) => {
    expect(await codeOf(jwt.sign({ [claim]: 1 } as never))).toBe("SECURITY_CONFIG_INVALID");
  });

  it("claims must be a plain object, sub and jti strings", async () => {
    expect(await codeOf(jwt.sign([] as never))).toBe("SECURITY_CONFIG_INVALID");
    expect(await codeOf(jwt.sign(null as never))).toBe("SECURITY_CONFIG_INVALID");
    expect(await codeOf(jwt.sign({ sub: 42 } as never))).toBe("SECURITY_CONFIG_INVALID");
    expect(await codeOf(jwt.sign({}, { expiresIn: 0 }))).toBe("SECURITY_CONFIG_INVALID");
    expect(await codeOf(jwt.sign({}, null as never))).toBe("SECURITY_CONFIG_INVALID");
    expect(await codeOf(jwt.verify(await jwt.sign({}), null as never))).toBe(
      "SECURITY_CONFIG_INVALID",
    );
  });
});

describe("createJwt settings", () => {
  const base = { algorithm: "HS256", secret: HMAC_SECRET } as const;

  it("rejects bad shared options at setup", () => {
    expect(thrownCode(() => createJwt({ ...base, expiresIn: "soon" }))).toBe(
      "SECURITY_CONFIG_INVALID",
    );
    expect(thrownCode(() => createJwt({ ...base, expiresIn: 0 }))).toBe("SECURITY_CONFIG_INVALID");
    expect(thrownCode(() => createJwt({ ...base, issuer: "" }))).toBe("SECURITY_CONFIG_INVALID");
    expect(thrownCode(() => createJwt({ ...base, audience: [] }))).toBe("SECURITY_CONFIG_INVALID");
    expect(thrownCode(() => createJwt({ ...base, maxTokenLength: 1.5 }))).toBe(
      "SECURITY_CONFIG_INVALID",
    );
    expect(thrownCode(() => createJwt({ ...base, clock: "now" as never }))).toBe(
      "SECURITY_CONFIG_INVALID",
    );
    expect(thrownCode(() => createJwt(undefined as never))).toBe("SECURITY_CONFIG_INVALID");
  });

  it("requires exp by default; requireExpiration: false accepts tokens without it", async () => {
    const token = craftToken({ alg: "HS256", typ: "JWT" }, { sub: "ann" }, hs256(HMAC_SECRET));
    await expect(createJwt(base).verify(token)).rejects.toMatchObject({
      code: "JWT_CLAIM_INVALID",
      claim: "exp",
    });
    expect((await createJwt({ ...base, requireExpiration: false }).verify(token)).sub).toBe("ann");
  });

  it("rejects tokens longer than maxTokenLength before parsing them", async () => {
    const jwt = createJwt({ ...base, maxTokenLength: 64 });
    const token = await jwt.sign({ sub: "a".repeat(100) });
    expect(await codeOf(jwt.verify(token))).toBe("JWT_MALFORMED");
  });
});

describe("jwks", () => {
  it("publishes the public keys with kid, alg and use, never a secret or a private part", async () => {
    const jwt = createJwt({
      keys: [
        { kid: "ed-2030", algorithm: "EdDSA", privateKey: ed.privateKey },
        { kid: "rsa-2029", algorithm: "RS256", publicKey: rsa.publicKey },
        { kid: "hs-legacy", algorithm: "HS256", secret: HMAC_SECRET },
      ],
    });
    const { keys } = jwt.jwks();
    expect(keys.map((key) => [key.kid, key.alg, key.use])).toEqual([
      ["ed-2030", "EdDSA", "sig"],
      ["rsa-2029", "RS256", "sig"],
    ]);
    for (const key of keys) expect(key).not.toHaveProperty("d");
    // An independent verifier (jose's own JWKS resolver) accepts our tokens with it.
    const token = await jwt.sign({ sub: "ann" });
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys }));
    expect(payload.sub).toBe("ann");
  });
});
