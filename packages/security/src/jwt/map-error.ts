import { errors } from "jose";
import { JwtError } from "../errors";

/**
 * Turns what jose throws while verifying into our `JwtError`. Errors that are not about the
 * token (a broken key, a bug) come back as undefined so the caller rethrows them unchanged:
 * a server fault must not be reported as a bad credential.
 */
export function toJwtError(error: unknown): JwtError | undefined {
  if (error instanceof JwtError) return error;
  if (!(error instanceof errors.JOSEError)) return undefined;
  const options = { cause: error };
  if (error instanceof errors.JWTExpired) {
    return new JwtError("JWT_EXPIRED", "Token has expired", { ...options, claim: error.claim });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf" && error.reason === "check_failed") {
      return new JwtError("JWT_NOT_YET_VALID", "Token is not valid yet", {
        ...options,
        claim: "nbf",
      });
    }
    return new JwtError(
      "JWT_CLAIM_INVALID",
      `Token claim "${error.claim}" is ${error.reason === "missing" ? "missing" : "invalid"}`,
      {
        ...options,
        claim: error.claim,
      },
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new JwtError("JWT_INVALID_SIGNATURE", "Token signature is invalid", options);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new JwtError("JWT_ALG_NOT_ALLOWED", "Token algorithm is not allowed", options);
  }
  // JWSInvalid, JWTInvalid, JOSENotSupported (unknown crit, alg jose lacks): the token's shape.
  return new JwtError("JWT_MALFORMED", "Token is malformed", options);
}
