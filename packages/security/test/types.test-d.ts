import {
  createJwt,
  hashPassword,
  isJwtError,
  type JwtErrorCode,
  type JwtPayload,
  needsRehash,
  safeEqual,
  verifyPassword,
} from "@typhoon/security";
import { describe, expectTypeOf, it } from "vitest";

const secret = "x".repeat(32);

describe("createJwt options", () => {
  it("ties key material to the algorithm", () => {
    createJwt({ algorithm: "HS256", secret });
    createJwt({ algorithm: "EdDSA", publicKey: "-----BEGIN PUBLIC KEY-----" });
    // @ts-expect-error an RSA key takes privateKey/publicKey, not secret
    createJwt({ algorithm: "RS256", secret });
    // @ts-expect-error only HS256, RS256 and EdDSA exist
    createJwt({ algorithm: "none", secret });
  });

  it("takes either one key or a key set, not both", () => {
    createJwt({ keys: [{ kid: "a", algorithm: "HS256", secret }], signingKid: "a" });
    // @ts-expect-error a single key plus keys is ambiguous
    createJwt({ algorithm: "HS256", secret, keys: [{ kid: "a", algorithm: "HS256", secret }] });
  });
});

describe("sign and verify", () => {
  const jwt = createJwt({ algorithm: "HS256", secret });

  it("accepts custom claims and sub, but not claims the options own", () => {
    void jwt.sign({ sub: "ann", scopes: ["a"] });
    // @ts-expect-error exp comes from expiresIn
    void jwt.sign({ exp: 1 });
    // @ts-expect-error iss comes from the issuer option
    void jwt.sign({ iss: "me" });
  });

  it("returns typed registered claims and unknown custom ones", () => {
    expectTypeOf(jwt.verify("t")).toEqualTypeOf<Promise<JwtPayload>>();
    expectTypeOf<JwtPayload["sub"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<JwtPayload["scopes"]>().toEqualTypeOf<unknown>();
  });

  it("narrows errors to their code", () => {
    const error: unknown = new Error("x");
    if (isJwtError(error)) expectTypeOf(error.code).toEqualTypeOf<JwtErrorCode>();
  });
});

describe("passwords and comparison", () => {
  it("has the documented signatures", () => {
    expectTypeOf(hashPassword).returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf(verifyPassword).returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(needsRehash).returns.toEqualTypeOf<boolean>();
    expectTypeOf(safeEqual).parameters.toEqualTypeOf<[string | Uint8Array, string | Uint8Array]>();
  });
});
