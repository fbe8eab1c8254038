import { HTTPException } from "@typhoon/server";

/** Why a token was rejected. Every code means "answer 401": none of them is the server's fault. */
export type JwtErrorCode =
  | "JWT_EXPIRED"
  | "JWT_NOT_YET_VALID"
  | "JWT_INVALID_SIGNATURE"
  | "JWT_MALFORMED"
  | "JWT_CLAIM_INVALID"
  | "JWT_ALG_NOT_ALLOWED"
  | "JWT_UNKNOWN_KID";

/** A password that cannot be hashed. Thrown by `hashPassword` only (verification returns false). */
export type PasswordErrorCode = "PASSWORD_TOO_LONG" | "PASSWORD_INVALID_UNICODE" | "PASSWORD_EMPTY";

/** Every error this package throws carries one of these stable codes; tests and callers branch on them. */
export type SecurityErrorCode =
  | JwtErrorCode
  | PasswordErrorCode
  | "SECURITY_CONFIG_INVALID"
  | "SECURITY_HTTP_ERROR";

/** Base class of the package's errors: a message that says what was wrong, and a stable `code`. */
export class SecurityError extends Error {
  readonly code: SecurityErrorCode;

  constructor(code: SecurityErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * A token that was rejected by `verify`. Map the whole class to 401: every code is a property
 * of the token, never of the server's configuration (that throws `SecurityConfigError`).
 * The jose error that caused it, if any, is kept as `cause` for logs.
 */
export class JwtError extends SecurityError {
  declare readonly code: JwtErrorCode;
  /** The claim that failed (`"iss"`, `"aud"`, `"exp"`, ...) for claim and time errors. */
  readonly claim: string | undefined;

  constructor(code: JwtErrorCode, message: string, options?: ErrorOptions & { claim?: string }) {
    super(code, message, options);
    this.claim = options?.claim;
  }
}

/**
 * A password `hashPassword` refuses: longer than the limit, not well-formed Unicode, or empty
 * with `algorithm: "argon2id"` (hash-wasm cannot hash it; scrypt can).
 */
export class PasswordError extends SecurityError {
  declare readonly code: PasswordErrorCode;

  constructor(code: PasswordErrorCode, message: string) {
    super(code, message);
  }
}

/** Options that cannot work (a short HMAC secret, a key of the wrong type, absurd scrypt parameters). */
export class SecurityConfigError extends SecurityError {
  constructor(message: string, options?: ErrorOptions) {
    super("SECURITY_CONFIG_INVALID", message, options);
  }
}

/**
 * A request the security schemes refuse: missing or malformed credentials, or a check of your
 * own (a token without the needed scope). It is an `HTTPException` of the server's vocabulary:
 * the app answers `status` with `{"detail": detail}` and `headers` like any other, and closes a
 * WebSocket with 1008. It cannot also extend `SecurityError`, so it carries the same `code`
 * property and `isSecurityError` accepts it.
 */
export class SecurityHTTPError extends HTTPException {
  readonly code = "SECURITY_HTTP_ERROR";
  declare readonly detail: string;
  declare readonly headers: Record<string, string>;

  constructor(status: number, detail: string, headers: Record<string, string> = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new SecurityConfigError(
        `SecurityHTTPError: status must be an integer from 400 to 599, got ${String(status)}`,
      );
    }
    super(status, detail, headers);
    this.name = new.target.name;
  }
}

/** True for a refused request (what the app turns into a 401/403 answer). */
export function isSecurityHTTPError(value: unknown): value is SecurityHTTPError {
  return value instanceof SecurityHTTPError;
}

/** True for any error thrown by this package (checks the class, never the name). */
export function isSecurityError(value: unknown): value is SecurityError | SecurityHTTPError {
  return value instanceof SecurityError || value instanceof SecurityHTTPError;
}

/** True for a rejected token: the error a route turns into 401. */
export function isJwtError(value: unknown): value is JwtError {
  return value instanceof JwtError;
}
