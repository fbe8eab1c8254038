export { safeEqual } from "./compare";
export {
  isJwtError,
  isSecurityError,
  JwtError,
  type JwtErrorCode,
  PasswordError,
  type PasswordErrorCode,
  SecurityConfigError,
  SecurityError,
  type SecurityErrorCode,
} from "./errors";
export { createJwt } from "./jwt/create-jwt";
export type { Duration } from "./jwt/duration";
export type {
  AsymmetricKeyInput,
  AsymmetricKeyOptions,
  CreateJwtOptions,
  HmacKeyOptions,
  Jwt,
  JwtAlgorithm,
  JwtClaims,
  JwtKeyOptions,
  JwtPayload,
  JwtSharedOptions,
  JwtSignOptions,
  JwtVerifyOptions,
  KeySetJwtOptions,
  PublicJwk,
  SingleKeyJwtOptions,
} from "./jwt/types";
export { hashPassword, needsRehash, verifyPassword } from "./password/hash";
export { MAX_PASSWORD_BYTES } from "./password/normalize";
export {
  DEFAULT_SCRYPT_PARAMS,
  type PasswordHashOptions,
  SCRYPT_LIMITS,
  type ScryptParams,
} from "./password/params";
