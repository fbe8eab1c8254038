import { createSecretKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ed25519Pair, HMAC_SECRET, rsaPair, thrownCode } from "../../test/fixtures/keys";
import { SecurityConfigError } from "../errors";
import { prepareKey } from "./keys";

const rsa = rsaPair();
const ed = ed25519Pair();

function configMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SecurityConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a SecurityConfigError");
}

describe("prepareKey: HS256", () => {
  it("takes a string, bytes or a secret KeyObject of at least 32 bytes", () => {
    const fromString = prepareKey({ algorithm: "HS256", secret: HMAC_SECRET }, "k");
    expect(Buffer.from(fromString.verifyingKey as Uint8Array).toString()).toBe(HMAC_SECRET);
    expect(fromString.signingKey).toBe(fromString.verifyingKey);
    const bytes = new Uint8Array(32).fill(5);
    const fromBytes = prepareKey({ algorithm: "HS256", secret: bytes }, "k");
    bytes.fill(0); // the caller reusing its buffer must not change our key
    expect((fromBytes.verifyingKey as Uint8Array)[0]).toBe(5);
    expect(
      prepareKey({ algorithm: "HS256", secret: createSecretKey(Buffer.alloc(48, 1)) }, "k")
        .algorithm,
    ).toBe("HS256");
  });

  it("refuses secrets under 32 bytes, counting UTF-8 bytes", () => {
    expect(
      configMessage(() => prepareKey({ algorithm: "HS256", secret: "x".repeat(31) }, "k")),
    ).toMatch(/at least 32 bytes, got 31/);
    expect(() => prepareKey({ algorithm: "HS256", secret: "é".repeat(16) }, "k")).not.toThrow();
    expect(
      configMessage(() => prepareKey({ algorithm: "HS256", secret: new Uint8Array(16) }, "k")),
    ).toMatch(/got 16/);
  });

  it("refuses a PEM key as an HMAC secret (the algorithm-confusion shape)", () => {
    const pem = rsa.publicKey.export({ format: "pem", type: "spki" }) as string;
    expect(configMessage(() => prepareKey({ algorithm: "HS256", secret: pem }, "k"))).toMatch(
      /looks like a PEM key/,
    );
  });

  it("refuses anything else as a secret", () => {
    expect(thrownCode(() => prepareKey({ algorithm: "HS256", secret: rsa.publicKey }, "k"))).toBe(
      "SECURITY_CONFIG_INVALID",
    );
    expect(
      thrownCode(() => prepareKey({ algorithm: "HS256", secret: 42 as unknown as string }, "k")),
    ).toBe("SECURITY_CONFIG_INVALID");
  });
});

describe("prepareKey: RS256 and EdDSA", () => {
  it("reads KeyObjects, PEM strings, JWKs and CryptoKeys", async () => {
    const pem = rsa.privateKey.export({ format: "pem", type: "pkcs8" }) as string;
    const jwk = rsa.publicKey.export({ format: "jwk" });
    const cryptoKey = await crypto.subtle.importKey(
      "jwk",
      jwk,
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      true,
      ["verify"],
    );
    const spki = (key: unknown) =>
      (key as typeof rsa.publicKey).export({ format: "der", type: "spki" });
    const expected = spki(rsa.publicKey);
    expect(
      spki(prepareKey({ algorithm: "RS256", privateKey: pem }, "k").verifyingKey).equals(expected),
    ).toBe(true);
    expect(
      spki(prepareKey({ algorithm: "RS256", publicKey: jwk }, "k").verifyingKey).equals(expected),
    ).toBe(true);
    expect(
      spki(prepareKey({ algorithm: "RS256", publicKey: cryptoKey }, "k").verifyingKey).equals(
        expected,
      ),
    ).toBe(true);
    expect(prepareKey({ algorithm: "EdDSA", privateKey: ed.privateKey }, "k").signingKey).toBe(
      ed.privateKey,
    );
  });

  it("derives the public key from the private one, and keeps only the public half of a private key given as publicKey", () => {
    const fromPrivate = prepareKey({ algorithm: "EdDSA", privateKey: ed.privateKey }, "k");
    expect((fromPrivate.verifyingKey as typeof ed.publicKey).type).toBe("public");
    const verifyOnly = prepareKey({ algorithm: "EdDSA", publicKey: ed.privateKey }, "k");
    expect((verifyOnly.verifyingKey as typeof ed.publicKey).type).toBe("public");
    expect(verifyOnly.signingKey).toBeUndefined();
  });

  it("refuses a pair that does not match", () => {
    const other = ed25519Pair();
    expect(
      configMessage(() =>
        prepareKey(
          { algorithm: "EdDSA", privateKey: ed.privateKey, publicKey: other.publicKey },
          "k",
        ),
      ),
    ).toMatch(/does not belong/);
  });

  it("refuses a public key where the private key is needed", () => {
    expect(
      configMessage(() => prepareKey({ algorithm: "RS256", privateKey: rsa.publicKey }, "k")),
    ).toMatch(/is a public key/);
  });

  it("refuses keys of the wrong type or size for the algorithm", () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(
      configMessage(() => prepareKey({ algorithm: "RS256", publicKey: ec.publicKey }, "k")),
    ).toMatch(/needs an RSA key, got ec/);
    expect(
      configMessage(() => prepareKey({ algorithm: "EdDSA", publicKey: rsa.publicKey }, "k")),
    ).toMatch(/Ed25519 key, got rsa/);
    expect(
      configMessage(() => prepareKey({ algorithm: "RS256", publicKey: ed.publicKey }, "k")),
    ).toMatch(/RSA key, got ed25519/);
    const small = rsaPair(1024);
    expect(
      configMessage(() => prepareKey({ algorithm: "RS256", privateKey: small.privateKey }, "k")),
    ).toMatch(/2048 bits, got 1024/);
    const secret = createSecretKey(Buffer.alloc(32));
    expect(configMessage(() => prepareKey({ algorithm: "RS256", publicKey: secret }, "k"))).toMatch(
      /secret key/,
    );
  });

  it("refuses a JWK made for another algorithm or use", () => {
    const jwk = ed.publicKey.export({ format: "jwk" });
    expect(
      configMessage(() =>
        prepareKey({ algorithm: "EdDSA", publicKey: { ...jwk, alg: "ES256" } }, "k"),
      ),
    ).toMatch(/JWK for ES256/);
    expect(
      configMessage(() =>
        prepareKey({ algorithm: "EdDSA", publicKey: { ...jwk, use: "enc" } }, "k"),
      ),
    ).toMatch(/use "enc"/);
  });

  it("wraps unreadable key material in a config error", () => {
    expect(
      configMessage(() => prepareKey({ algorithm: "RS256", publicKey: "not a pem" }, "keys[0]")),
    ).toMatch(/^keys\[0\]\.publicKey could not be read/);
  });

  it("needs some key material, a known algorithm and a sane kid", () => {
    expect(configMessage(() => prepareKey({ algorithm: "RS256" }, "k"))).toMatch(
      /needs a privateKey/,
    );
    expect(configMessage(() => prepareKey({ algorithm: "none" } as never, "k"))).toMatch(
      /algorithm must be one of HS256, RS256, EdDSA/,
    );
    expect(
      configMessage(() => prepareKey({ algorithm: "HS384", secret: HMAC_SECRET } as never, "k")),
    ).toMatch(/algorithm must be/);
    expect(
      configMessage(() => prepareKey({ algorithm: "HS256", secret: HMAC_SECRET, kid: "" }, "k")),
    ).toMatch(/kid must be/);
    expect(
      configMessage(() =>
        prepareKey({ algorithm: "HS256", secret: HMAC_SECRET, kid: "k".repeat(257) }, "k"),
      ),
    ).toMatch(/kid/);
  });
});
