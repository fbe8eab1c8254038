import { type JWTVerifyOptions, jwtVerify } from "jose";
import { JwtError, SecurityConfigError } from "../errors";
import { toSeconds } from "./duration";
import type { KeyRing } from "./key-ring";
import { toJwtError } from "./map-error";
import { checkAudience, checkString, type JwtSettings } from "./settings";
import type { JwtPayload, JwtVerifyOptions } from "./types";

// JWS compact serialization: three base64url parts, the signature possibly empty. Checked up
// front because base64 decoders skip stray characters, which would turn junk into a "bad
// signature" instead of a malformed token. Linear: no nested quantifiers.
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Builds the verifier once: jose options and the key resolver are fixed at setup. */
export function createVerifier(
  ring: KeyRing,
  settings: JwtSettings,
): (token: string, options?: JwtVerifyOptions) => Promise<JwtPayload> {
  const base: JWTVerifyOptions = {
    // jose checks the header's alg against this list before it asks for a key, so `none`
    // and anything else unlisted fail there; the resolver then pins the alg to the key.
    algorithms: [...ring.algorithms],
    clockTolerance: settings.clockToleranceSeconds,
  };
  if (settings.issuer !== undefined) base.issuer = settings.issuer;
  if (settings.audience !== undefined) base.audience = settings.audience;
  if (settings.requireExpiration) base.requiredClaims = ["exp"];
  if (settings.checkTyp) base.typ = settings.typ;
  const resolveKey = (header: { alg?: unknown; kid?: unknown }) =>
    ring.select(header).joseKey("verify");
  const { clock, maxTokenLength } = settings;

  return async function verify(token, options) {
    if (typeof token !== "string" || token.length > maxTokenLength || !COMPACT_JWS.test(token)) {
      throw new JwtError("JWT_MALFORMED", "Token is malformed");
    }
    // Allocate per-call options only when something varies per call.
    let joseOptions = base;
    if (options !== undefined || clock !== undefined) {
      joseOptions = { ...base, ...perCallOptions(options) };
      if (clock !== undefined) joseOptions.currentDate = clock();
    }
    try {
      const { payload } = await jwtVerify(token, resolveKey, joseOptions);
      return payload as JwtPayload;
    } catch (error) {
      throw toJwtError(error) ?? error;
    }
  };
}

function perCallOptions(options: JwtVerifyOptions | undefined): JWTVerifyOptions {
  const result: JWTVerifyOptions = {};
  if (options === undefined) return result;
  if (options === null || typeof options !== "object")
    throw new SecurityConfigError("verify: options must be an object");
  if (options.audience !== undefined)
    result.audience = checkAudience(options.audience, "verify: audience")!;
  if (options.subject !== undefined)
    result.subject = checkString(options.subject, "verify: subject");
  if (options.maxAge !== undefined)
    result.maxTokenAge = toSeconds(options.maxAge, "verify: maxAge");
  return result;
}
