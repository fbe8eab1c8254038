// Hand-crafted tokens: what an attacker sends, not what our signer produces.
import { createJwt, isJwtError, type Jwt } from "@typhoon/security";
import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import {
  b64url,
  craftToken,
  ed25519Pair,
  eddsa,
  HMAC_SECRET,
  hs256,
  rs256,
  rsaPair,
} from "./fixtures/keys";

const rsa = rsaPair();
const ed = ed25519Pair();
const claims = { sub: "ann", exp: 4_102_444_800 }; // 2100-01-01

const rsVerifier = createJwt({ algorithm: "RS256", publicKey: rsa.publicKey });
const hsVerifier = createJwt({ algorithm: "HS256", secret: HMAC_SECRET });
const edVerifier = createJwt({ algorithm: "EdDSA", publicKey: ed.publicKey });

/** The rejection code, after checking the error is the one class a route maps to 401. */
async function rejectionCode(jwt: Jwt, token: unknown): Promise<string> {
  try {
    await jwt.verify(token as string);
  } catch (error) {
    expect(isJwtError(error)).toBe(true);
    return (error as { code: string }).code;
  }
  return "accepted";
}

describe("the fixtures make valid tokens (so every rejection below is about the attack)", () => {
  it("honest tokens pass", async () => {
    expect(
      await rejectionCode(rsVerifier, craftToken({ alg: "RS256" }, claims, rs256(rsa.privateKey))),
    ).toBe("accepted");
    expect(
      await rejectionCode(hsVerifier, craftToken({ alg: "HS256" }, claims, hs256(HMAC_SECRET))),
    ).toBe("accepted");
    expect(
      await rejectionCode(edVerifier, craftToken({ alg: "EdDSA" }, claims, eddsa(ed.privateKey))),
    ).toBe("accepted");
  });
});

describe("alg: none", () => {
  it.each(["none", "None", "NONE", "nOnE"])("%s is rejected by every verifier", async (alg) => {
    const unsigned = craftToken({ alg, typ: "JWT" }, claims);
    for (const jwt of [rsVerifier, hsVerifier, edVerifier]) {
      expect(await rejectionCode(jwt, unsigned)).toBe("JWT_ALG_NOT_ALLOWED");
    }
  });

  it("is rejected with a signature attached, and inside a key set with a valid kid", async () => {
    const withSignature = craftToken({ alg: "none" }, claims, hs256(HMAC_SECRET));
    expect(await rejectionCode(hsVerifier, withSignature)).toBe("JWT_ALG_NOT_ALLOWED");
    const set = createJwt({ keys: [{ kid: "k1", algorithm: "HS256", secret: HMAC_SECRET }] });
    expect(await rejectionCode(set, craftToken({ alg: "none", kid: "k1" }, claims))).toBe(
      "JWT_ALG_NOT_ALLOWED",
    );
  });
});

describe("algorithm confusion: HS256 signed with the RSA public key as the HMAC secret", () => {
  const pem = rsa.publicKey.export({ format: "pem", type: "spki" }) as string;
  const der = rsa.publicKey.export({ format: "der", type: "spki" });
  const forged = craftToken({ alg: "HS256", typ: "JWT" }, { ...claims, sub: "admin" }, hs256(pem));

  it("is a real forgery: a verifier that used the public key as a secret would accept it", async () => {
    const { payload } = await jwtVerify(forged, new TextEncoder().encode(pem), {
      algorithms: ["HS256"],
    });
    expect(payload.sub).toBe("admin");
  });

  it("is rejected by the RS256 verifier, whatever form of the key was used", async () => {
    expect(await rejectionCode(rsVerifier, forged)).toBe("JWT_ALG_NOT_ALLOWED");
    expect(await rejectionCode(rsVerifier, craftToken({ alg: "HS256" }, claims, hs256(der)))).toBe(
      "JWT_ALG_NOT_ALLOWED",
    );
    const jwkText = JSON.stringify(rsa.publicKey.export({ format: "jwk" }));
    expect(
      await rejectionCode(rsVerifier, craftToken({ alg: "HS256" }, claims, hs256(jwkText))),
    ).toBe("JWT_ALG_NOT_ALLOWED");
  });

  it("is rejected by a verifier built from the PEM string, and by an EdDSA verifier with its key bytes", async () => {
    const fromPem = createJwt({ algorithm: "RS256", publicKey: pem });
    expect(await rejectionCode(fromPem, forged)).toBe("JWT_ALG_NOT_ALLOWED");
    const edRaw = ed.publicKey.export({ format: "der", type: "spki" });
    expect(
      await rejectionCode(edVerifier, craftToken({ alg: "HS256" }, claims, hs256(edRaw))),
    ).toBe("JWT_ALG_NOT_ALLOWED");
  });
});

describe("tampering", () => {
  const token = craftToken({ alg: "RS256", typ: "JWT" }, claims, rs256(rsa.privateKey));
  const [header, payload, signature] = token.split(".") as [string, string, string];

  it("a changed payload fails the signature", async () => {
    const changed = `${header}.${b64url(JSON.stringify({ ...claims, sub: "admin" }))}.${signature}`;
    expect(await rejectionCode(rsVerifier, changed)).toBe("JWT_INVALID_SIGNATURE");
    const longer = `${header}.${b64url(JSON.stringify({ ...claims, exp: claims.exp + 1 }))}.${signature}`;
    expect(await rejectionCode(rsVerifier, longer)).toBe("JWT_INVALID_SIGNATURE");
  });

  it("a changed or missing signature fails", async () => {
    const bytes = Buffer.from(signature, "base64url");
    bytes[10]! ^= 0x01;
    expect(
      await rejectionCode(rsVerifier, `${header}.${payload}.${bytes.toString("base64url")}`),
    ).toBe("JWT_INVALID_SIGNATURE");
    expect(await rejectionCode(rsVerifier, `${header}.${payload}.`)).toBe("JWT_INVALID_SIGNATURE");
    expect(await rejectionCode(rsVerifier, `${header}.${payload}.${signature.slice(0, -4)}`)).toBe(
      "JWT_INVALID_SIGNATURE",
    );
  });

  it("a changed header alg is refused before any key is used", async () => {
    for (const alg of ["RS512", "PS256", "HS256", "ES256", "EdDSA"]) {
      const swapped = `${b64url(JSON.stringify({ alg, typ: "JWT" }))}.${payload}.${signature}`;
      expect(await rejectionCode(rsVerifier, swapped)).toBe("JWT_ALG_NOT_ALLOWED");
    }
    const hsToken = craftToken({ alg: "HS256" }, claims, hs256(HMAC_SECRET));
    const [, hsPayload, hsSignature] = hsToken.split(".");
    const upgraded = `${b64url(JSON.stringify({ alg: "HS512" }))}.${hsPayload}.${hsSignature}`;
    expect(await rejectionCode(hsVerifier, upgraded)).toBe("JWT_ALG_NOT_ALLOWED");
  });

  it("any other header change fails the signature (the header is signed)", async () => {
    const retyped = `${b64url(JSON.stringify({ alg: "RS256", typ: "at+jwt" }))}.${payload}.${signature}`;
    expect(await rejectionCode(rsVerifier, retyped)).toBe("JWT_INVALID_SIGNATURE");
  });

  it("the exact Ed25519 alias is not EdDSA: the allow-list matches names exactly", async () => {
    expect(
      await rejectionCode(edVerifier, craftToken({ alg: "Ed25519" }, claims, eddsa(ed.privateKey))),
    ).toBe("JWT_ALG_NOT_ALLOWED");
  });
});

describe("malformed tokens are JWT_MALFORMED, never a crash", () => {
  const sign = hs256(HMAC_SECRET);
  const part = (value: string) => b64url(value);

  it.each([
    ["empty", ""],
    ["one part", "abc"],
    ["two parts", "abc.def"],
    ["five parts (JWE)", "a.b.c.d.e"],
    ["header not base64url", `%%%.${part("{}")}.sig`],
    ["header not JSON", `${part("not json")}.${part("{}")}.sig`],
    ["header a JSON array", `${part('["HS256"]')}.${part("{}")}.sig`],
    ["alg missing", craftToken({ typ: "JWT" }, claims, sign)],
    ["alg not a string", craftToken({ alg: 256 }, claims, sign)],
    ["payload not JSON", craftToken({ alg: "HS256" }, "not json", sign)],
    ["payload a JSON array", craftToken({ alg: "HS256" }, "[1,2]", sign)],
    ["payload a number", craftToken({ alg: "HS256" }, "42", sign)],
    [
      "unknown critical header",
      craftToken({ alg: "HS256", crit: ["x-custom"], "x-custom": 1 }, claims, sign),
    ],
    [
      "unencoded payload (b64: false)",
      craftToken({ alg: "HS256", b64: false, crit: ["b64"] }, claims, sign),
    ],
    ["whitespace inside", ` ${craftToken({ alg: "HS256" }, claims, sign)}`],
    ["10 kB of junk", "a".repeat(10_000)],
    ["5 kB of one part", "a".repeat(5_000)],
    ["a space in the signature", `${craftToken({ alg: "HS256" }, claims, sign)} `],
  ])("%s", async (_name, token) => {
    expect(await rejectionCode(hsVerifier, token)).toBe("JWT_MALFORMED");
  });

  it.each([undefined, null, 42, {}, ["a.b.c"]])("non-string %j", async (token) => {
    expect(await rejectionCode(hsVerifier, token)).toBe("JWT_MALFORMED");
  });

  it("claims of the wrong type are JWT_CLAIM_INVALID", async () => {
    const sign = hs256(HMAC_SECRET);
    expect(
      await rejectionCode(hsVerifier, craftToken({ alg: "HS256" }, { exp: "tomorrow" }, sign)),
    ).toBe("JWT_CLAIM_INVALID");
    expect(
      await rejectionCode(
        hsVerifier,
        craftToken({ alg: "HS256" }, { ...claims, nbf: "now" }, sign),
      ),
    ).toBe("JWT_CLAIM_INVALID");
    const withIssuer = createJwt({ algorithm: "HS256", secret: HMAC_SECRET, issuer: "shop" });
    expect(
      await rejectionCode(
        withIssuer,
        craftToken({ alg: "HS256" }, { ...claims, iss: ["shop"] }, sign),
      ),
    ).toBe("JWT_CLAIM_INVALID");
  });
});
