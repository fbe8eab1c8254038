import { SignJWT } from "jose";
import { SecurityConfigError } from "../errors";
import { toSeconds } from "./duration";
import type { KeyRing } from "./key-ring";
import {
  checkAudience,
  checkString,
  type JwtSettings,
  nowSeconds,
  positiveSeconds,
} from "./settings";
import type { JwtClaims, JwtPayload, JwtSignOptions } from "./types";

// Set from the options so a token can never disagree with what verify expects.
const RESERVED_CLAIMS = ["iss", "aud", "exp", "nbf", "iat"] as const;

/** Builds the claims set and signs it with the ring's current key (or `options.kid`). */
export async function signToken(
  ring: KeyRing,
  settings: JwtSettings,
  claims: JwtClaims = {},
  options: JwtSignOptions = {},
): Promise<string> {
  if (claims === null || typeof claims !== "object" || Array.isArray(claims)) {
    throw new SecurityConfigError("sign: claims must be a plain object");
  }
  if (options === null || typeof options !== "object") {
    throw new SecurityConfigError("sign: options must be an object");
  }
  for (const name of RESERVED_CLAIMS) {
    if (Object.hasOwn(claims, name)) {
      throw new SecurityConfigError(
        `sign: set "${name}" through the options (issuer, audience, expiresIn, notBefore), not in claims`,
      );
    }
  }
  const key = ring.signingKey(options.kid);
  const iat = nowSeconds(settings);
  const lifetime =
    options.expiresIn === undefined
      ? settings.expiresInSeconds
      : positiveSeconds(options.expiresIn, "sign: expiresIn");
  const payload: JwtPayload = { ...claims, iat, exp: iat + lifetime };

  if (settings.issuer !== undefined) payload.iss = settings.issuer;
  const audience =
    options.audience === undefined
      ? settings.audience
      : checkAudience(options.audience, "sign: audience");
  if (audience !== undefined) payload.aud = audience;
  const subject = options.subject ?? claims.sub;
  if (subject !== undefined) payload.sub = checkString(subject, "sign: subject (sub)");
  const jwtId = options.jwtId ?? claims.jti;
  if (jwtId !== undefined) payload.jti = checkString(jwtId, "sign: jwtId (jti)");
  if (options.notBefore !== undefined) payload.nbf = notBefore(options.notBefore, iat);

  const header =
    key.kid === undefined
      ? { alg: key.algorithm, typ: settings.typ }
      : { alg: key.algorithm, typ: settings.typ, kid: key.kid };
  return new SignJWT(payload).setProtectedHeader(header).sign(await key.joseKey("sign"));
}

function notBefore(value: number | string | Date, iat: number): number {
  if (value instanceof Date) {
    const millis = value.getTime();
    if (!Number.isFinite(millis))
      throw new SecurityConfigError("sign: notBefore is an invalid Date");
    return Math.floor(millis / 1000);
  }
  return iat + toSeconds(value, "sign: notBefore");
}
