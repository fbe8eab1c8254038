export { type BasicCredentialsLike, safeEqual, safeEqualAny, verifyBasic } from "./compare";
export {
  isJwtError,
  isSecurityError,
  isSecurityHTTPError,
  JwtError,
  type JwtErrorCode,
  PasswordError,
  type PasswordErrorCode,
  SecurityConfigError,
  SecurityError,
  type SecurityErrorCode,
  SecurityHTTPError,
} from "./errors";
export {
  OAuth2PasswordRequestForm,
  type OAuth2PasswordRequestFormData,
  OAuth2PasswordRequestFormStrict,
  type OAuth2PasswordRequestFormStrictData,
  parseScopes,
} from "./form/password-request-form";
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
export { ARGON2_LIMITS, type Argon2Params, DEFAULT_ARGON2_PARAMS } from "./password/argon2-params";
export { BCRYPT_LIMITS } from "./password/bcrypt-format";
export { hashPassword, needsRehash, verifyPassword } from "./password/hash";
export type {
  Argon2idHashOptions,
  PasswordHashOptions,
  ScryptHashOptions,
} from "./password/hash-options";
export { MAX_PASSWORD_BYTES } from "./password/normalize";
export { DEFAULT_SCRYPT_PARAMS, SCRYPT_LIMITS, type ScryptParams } from "./password/params";
export { type ConnectionScope, RequestScope } from "./request/request-scope";
export {
  APIKeyBase,
  APIKeyCookie,
  APIKeyHeader,
  type APIKeyOptions,
  APIKeyQuery,
} from "./schemes/api-key";
export { bearerChallenge } from "./schemes/challenge";
export {
  type HTTPAuthorizationCredentials,
  HTTPBase,
  type HTTPBaseOptions,
  HTTPBasic,
  type HTTPBasicCredentials,
  type HTTPBasicOptions,
  HTTPBearer,
  type HTTPBearerOptions,
  HTTPDigest,
} from "./schemes/http";
export {
  OAuth2,
  OAuth2AuthorizationCodeBearer,
  type OAuth2AuthorizationCodeBearerOptions,
  type OAuth2Options,
  OAuth2PasswordBearer,
  type OAuth2PasswordBearerOptions,
  type OAuth2Scopes,
  type OAuthFlowsInput,
} from "./schemes/oauth2";
export { OpenIdConnect, type OpenIdConnectOptions } from "./schemes/open-id-connect";
export type {
  APIKeyLocation,
  OAuthFlow,
  OAuthFlows,
  SecuritySchemeDefinition,
  SecuritySchemeInfo,
} from "./schemes/openapi";
export {
  hasSecurityScheme,
  type SchemeOptions,
  type SchemeParams,
  type SchemeValue,
  SecurityScheme,
} from "./schemes/scheme";
