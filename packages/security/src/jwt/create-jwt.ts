import type { KeyObject } from "node:crypto";
import { buildKeyRing } from "./key-ring";
import { readSettings } from "./settings";
import { signToken } from "./sign";
import type { CreateJwtOptions, Jwt, PublicJwk } from "./types";
import { createVerifier } from "./verify";

/**
 * Issues and verifies JWTs. Everything is checked here, once: key types and sizes, the
 * algorithm allow-list, durations. Configuration mistakes throw `SecurityConfigError`;
 * `verify` throws only `JwtError` for a rejected token.
 *
 * ```ts
 * const jwt = createJwt({ algorithm: "HS256", secret, issuer: "shop", audience: "shop-api", expiresIn: "30m" });
 * const token = await jwt.sign({ sub: "ann", scopes: ["items:read"] });
 * const claims = await jwt.verify(token);
 * ```
 */
export function createJwt(options: CreateJwtOptions): Jwt {
  const settings = readSettings(options);
  const ring = buildKeyRing(options);
  const verify = createVerifier(ring, settings);

  return Object.freeze({
    sign: (claims, signOptions) => signToken(ring, settings, claims, signOptions),
    verify,
    jwks: () => ({ keys: publicJwks(ring.keys) }),
    algorithms: Object.freeze([...ring.algorithms]),
    signingKid: ring.signing?.kid,
    canSign: ring.signing !== undefined,
  } satisfies Jwt);
}

function publicJwks(keys: ReturnType<typeof buildKeyRing>["keys"]): PublicJwk[] {
  const result: PublicJwk[] = [];
  for (const key of keys) {
    if (key.algorithm === "HS256") continue; // a shared secret is never published
    const jwk = (key.verifyingKey as KeyObject).export({ format: "jwk" });
    result.push(
      key.kid === undefined
        ? { ...jwk, alg: key.algorithm, use: "sig" }
        : { ...jwk, kid: key.kid, alg: key.algorithm, use: "sig" },
    );
  }
  return result;
}
