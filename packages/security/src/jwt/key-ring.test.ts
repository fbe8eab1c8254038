import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import {
  codeOf,
  craftToken,
  ed25519Pair,
  eddsa,
  HMAC_SECRET,
  hs256,
  rsaPair,
  thrownCode,
} from "../../test/fixtures/keys";
import { createJwt } from "./create-jwt";

const rsa = rsaPair();
const edOld = ed25519Pair();
const edNew = ed25519Pair();

describe("key rotation by kid", () => {
  // Deploy 1 signs with "2029"; deploy 2 adds "2030" as current and keeps "2029" to verify.
  const before = createJwt({
    keys: [{ kid: "2029", algorithm: "EdDSA", privateKey: edOld.privateKey }],
    issuer: "auth",
  });
  const after = createJwt({
    keys: [
      { kid: "2030", algorithm: "EdDSA", privateKey: edNew.privateKey },
      { kid: "2029", algorithm: "EdDSA", publicKey: edOld.publicKey },
    ],
    issuer: "auth",
  });
  // Deploy 3 drops the old key.
  const later = createJwt({
    keys: [{ kid: "2030", algorithm: "EdDSA", privateKey: edNew.privateKey }],
    issuer: "auth",
  });

  it("signs with the current key and writes its kid", async () => {
    expect(after.signingKid).toBe("2030");
    expect(decodeProtectedHeader(await after.sign({})).kid).toBe("2030");
  });

  it("keeps verifying tokens of the previous key by their kid", async () => {
    const oldToken = await before.sign({ sub: "ann" });
    expect((await after.verify(oldToken)).sub).toBe("ann");
    expect(await codeOf(after.verify(await after.sign({})))).toBe("resolved");
  });

  it("rejects tokens of a removed key as JWT_UNKNOWN_KID", async () => {
    const oldToken = await before.sign({ sub: "ann" });
    expect(await codeOf(later.verify(oldToken))).toBe("JWT_UNKNOWN_KID");
  });

  it("rejects a token without a kid, or with a kid that is not a string", async () => {
    const claims = { exp: 4_102_444_800, iss: "auth" };
    expect(
      await codeOf(after.verify(craftToken({ alg: "EdDSA" }, claims, eddsa(edNew.privateKey)))),
    ).toBe("JWT_UNKNOWN_KID");
    expect(
      await codeOf(
        after.verify(craftToken({ alg: "EdDSA", kid: ["2030"] }, claims, eddsa(edNew.privateKey))),
      ),
    ).toBe("JWT_UNKNOWN_KID");
    expect(
      await codeOf(
        after.verify(craftToken({ alg: "EdDSA", kid: "2030" }, claims, eddsa(edNew.privateKey))),
      ),
    ).toBe("resolved");
  });

  it("a token naming one kid but signed by another key fails its signature", async () => {
    const claims = { exp: 4_102_444_800, iss: "auth" };
    const lying = craftToken({ alg: "EdDSA", kid: "2029" }, claims, eddsa(edNew.privateKey));
    expect(await codeOf(after.verify(lying))).toBe("JWT_INVALID_SIGNATURE");
  });

  it("sign can pick another key of the set by kid", async () => {
    const both = createJwt({
      keys: [
        { kid: "a", algorithm: "HS256", secret: HMAC_SECRET },
        { kid: "b", algorithm: "EdDSA", privateKey: edNew.privateKey },
      ],
    });
    const token = await both.sign({}, { kid: "b" });
    expect(decodeProtectedHeader(token)).toMatchObject({ kid: "b", alg: "EdDSA" });
    expect(await codeOf(both.verify(token))).toBe("resolved");
    expect(await codeOf(both.sign({}, { kid: "nope" }))).toBe("SECURITY_CONFIG_INVALID");
  });

  it("a single key with a kid writes it and requires it", async () => {
    const jwt = createJwt({ kid: "only", algorithm: "HS256", secret: HMAC_SECRET });
    expect(decodeProtectedHeader(await jwt.sign({})).kid).toBe("only");
    const noKid = craftToken({ alg: "HS256" }, { exp: 4_102_444_800 }, hs256(HMAC_SECRET));
    expect(await codeOf(jwt.verify(noKid))).toBe("JWT_UNKNOWN_KID");
  });

  it("a single key without a kid ignores the token's kid", async () => {
    const jwt = createJwt({ algorithm: "HS256", secret: HMAC_SECRET });
    const withKid = craftToken(
      { alg: "HS256", kid: "whatever" },
      { exp: 4_102_444_800 },
      hs256(HMAC_SECRET),
    );
    expect(await codeOf(jwt.verify(withKid))).toBe("resolved");
  });
});

describe("mixed algorithms in a set", () => {
  const jwt = createJwt({
    keys: [
      { kid: "ed", algorithm: "EdDSA", privateKey: edNew.privateKey },
      { kid: "rsa", algorithm: "RS256", publicKey: rsa.publicKey },
      { kid: "hs", algorithm: "HS256", secret: HMAC_SECRET },
    ],
  });

  it("accepts each key's own algorithm by default", () => {
    expect(jwt.algorithms).toEqual(["EdDSA", "RS256", "HS256"]);
  });

  it("refuses a token whose alg is allowed but is not its key's algorithm", async () => {
    // HS256 is allowed in this set, but kid "rsa" is an RSA key: no HMAC with its public key.
    const pem = rsa.publicKey.export({ format: "pem", type: "spki" }) as string;
    const forged = craftToken({ alg: "HS256", kid: "rsa" }, { exp: 4_102_444_800 }, hs256(pem));
    expect(await codeOf(jwt.verify(forged))).toBe("JWT_ALG_NOT_ALLOWED");
    const swapped = craftToken(
      { alg: "EdDSA", kid: "hs" },
      { exp: 4_102_444_800 },
      eddsa(edNew.privateKey),
    );
    expect(await codeOf(jwt.verify(swapped))).toBe("JWT_ALG_NOT_ALLOWED");
  });

  it("an explicit allow-list narrows what verify accepts; keys outside it still sign", async () => {
    const narrow = createJwt({
      keys: [
        { kid: "ed", algorithm: "EdDSA", privateKey: edNew.privateKey },
        { kid: "hs", algorithm: "HS256", secret: HMAC_SECRET },
      ],
      algorithms: ["EdDSA"],
    });
    expect(await codeOf(narrow.verify(await narrow.sign({})))).toBe("resolved");
    const hsToken = await narrow.sign({}, { kid: "hs" });
    expect(await codeOf(narrow.verify(hsToken))).toBe("JWT_ALG_NOT_ALLOWED");
  });
});

describe("key set configuration errors", () => {
  const hs = { algorithm: "HS256", secret: HMAC_SECRET } as const;

  it.each([
    ["an empty set", { keys: [] }],
    ["a key without a kid", { keys: [hs] }],
    [
      "duplicate kids",
      {
        keys: [
          { ...hs, kid: "a" },
          { ...hs, kid: "a" },
        ],
      },
    ],
    ["an unknown signingKid", { keys: [{ ...hs, kid: "a" }], signingKid: "b" }],
    [
      "a signingKid without a private key",
      { keys: [{ kid: "a", algorithm: "RS256", publicKey: rsa.publicKey }], signingKid: "a" },
    ],
    [
      "an algorithm no key uses",
      {
        keys: [{ kid: "a", algorithm: "RS256", publicKey: rsa.publicKey }],
        algorithms: ["RS256", "HS256"],
      },
    ],
    ["an unsupported algorithm", { ...hs, algorithms: ["none"] }],
    ["an empty allow-list", { ...hs, algorithms: [] }],
    ["too many keys", { keys: Array.from({ length: 101 }, (_, i) => ({ ...hs, kid: `k${i}` })) }],
  ])("%s", (_name, options) => {
    expect(thrownCode(() => createJwt(options as never))).toBe("SECURITY_CONFIG_INVALID");
  });

  it("a set of public keys only is a verifier: canSign is false and sign throws", async () => {
    const verifier = createJwt({
      keys: [{ kid: "a", algorithm: "RS256", publicKey: rsa.publicKey }],
    });
    expect(verifier.canSign).toBe(false);
    expect(verifier.signingKid).toBeUndefined();
    expect(await codeOf(verifier.sign({}))).toBe("SECURITY_CONFIG_INVALID");
  });
});
