// `typhoon/security`: the security schemes, scopes, JWT and password hashing, re-exported by
// name from @typhoon/security (the `Security` marker itself is on the root entry).

export { SecurityScopes } from "@typhoon/di";
export type {
  Argon2idHashOptions,
  HTTPAuthorizationCredentials,
  HTTPBasicCredentials,
  JwtPayload,
  PasswordHashOptions,
  ScryptHashOptions,
} from "@typhoon/security";
export {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  createJwt,
  HTTPBasic,
  HTTPBearer,
  HTTPDigest,
  hashPassword,
  needsRehash,
  OAuth2,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  OAuth2PasswordRequestForm,
  OAuth2PasswordRequestFormStrict,
  OpenIdConnect,
  parseScopes,
  RequestScope,
  SecurityHTTPError,
  safeEqual,
  verifyPassword,
} from "@typhoon/security";
