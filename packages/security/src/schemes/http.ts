import { headerValue } from "@typhoon/server";
import { SecurityConfigError } from "../errors";
import { splitAuthorization } from "../request/read";
import type { ConnectionScope } from "../request/request-scope";
import { decodeBasicCredentials } from "./basic-decode";
import {
  checkOptions,
  optionalString,
  requireString,
  type SchemeOptions,
  SecurityScheme,
} from "./scheme";

/** The `Authorization` header of HTTPBearer, HTTPDigest and HTTPBase, split at its first space. */
export interface HTTPAuthorizationCredentials {
  /** The scheme exactly as sent (`"Bearer"`, `"bearer"`...). */
  readonly scheme: string;
  readonly credentials: string;
}

/** What HTTPBasic yields: the pair split at the first `:` (a password may contain `:`). */
export interface HTTPBasicCredentials {
  readonly username: string;
  readonly password: string;
}

export interface HTTPBaseOptions<AutoError extends boolean = boolean>
  extends SchemeOptions<AutoError> {
  /** The HTTP authentication scheme documented (`"bearer"`, `"digest"`, ...). */
  scheme: string;
}

/**
 * Any HTTP authentication scheme: yields the `Authorization` header's scheme and credentials,
 * whatever the scheme. 401 `Not authenticated` when the header, its scheme or its credentials
 * are missing. The challenge is the scheme name title-cased (`WWW-Authenticate: Bearer`).
 */
export class HTTPBase<AutoError extends boolean = true> extends SecurityScheme<
  HTTPAuthorizationCredentials,
  AutoError
> {
  readonly #challenge: string;

  constructor(options: HTTPBaseOptions<AutoError>) {
    checkOptions("HTTPBase", options, true);
    const scheme = requireString("HTTPBase", "scheme", options.scheme);
    super({ type: "http", scheme }, options);
    this.#challenge = titleCase(scheme);
  }

  authenticate(scope: ConnectionScope): HTTPAuthorizationCredentials | undefined {
    const { scheme, param } = splitAuthorization(headerValue(scope.headers, "authorization"));
    if (scheme === "" || param === "") return this.notAuthenticated();
    return { scheme, credentials: param };
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": this.#challenge };
  }
}

export interface HTTPBearerOptions<AutoError extends boolean = boolean>
  extends SchemeOptions<AutoError> {
  /** A hint for the docs, e.g. `"JWT"`. */
  bearerFormat?: string;
}

/**
 * `Authorization: Bearer <token>` (RFC 6750), yielding `{ scheme, credentials }`. A missing
 * header, an empty scheme or token, or another scheme: 401 `Not authenticated` with
 * `WWW-Authenticate: Bearer` (FastAPI ≥ 0.122; earlier versions answered 403).
 */
export class HTTPBearer<AutoError extends boolean = true> extends SecurityScheme<
  HTTPAuthorizationCredentials,
  AutoError
> {
  constructor(options?: HTTPBearerOptions<AutoError>) {
    checkOptions("HTTPBearer", options, false);
    const bearerFormat = optionalString("HTTPBearer", "bearerFormat", options?.bearerFormat);
    super(
      bearerFormat === undefined
        ? { type: "http", scheme: "bearer" }
        : { type: "http", scheme: "bearer", bearerFormat },
      options,
    );
  }

  authenticate(scope: ConnectionScope): HTTPAuthorizationCredentials | undefined {
    return readCredentials(scope, "bearer") ?? this.notAuthenticated();
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": "Bearer" };
  }
}

/**
 * HTTP Digest, for the docs only, as in FastAPI: yields the raw `{ scheme, credentials }` of a
 * `Digest` header and leaves the digest computation to you. Same failures as HTTPBearer, with
 * `WWW-Authenticate: Digest`.
 */
export class HTTPDigest<AutoError extends boolean = true> extends SecurityScheme<
  HTTPAuthorizationCredentials,
  AutoError
> {
  constructor(options?: SchemeOptions<AutoError>) {
    checkOptions("HTTPDigest", options, false);
    super({ type: "http", scheme: "digest" }, options);
  }

  authenticate(scope: ConnectionScope): HTTPAuthorizationCredentials | undefined {
    return readCredentials(scope, "digest") ?? this.notAuthenticated();
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": "Digest" };
  }
}

export interface HTTPBasicOptions<AutoError extends boolean = boolean>
  extends SchemeOptions<AutoError> {
  /** Sent in the challenge: `WWW-Authenticate: Basic realm="<realm>"`. */
  realm?: string;
}

/**
 * HTTP Basic (RFC 7617), yielding `{ username, password }`. Every failure is FastAPI's
 * 401 `Not authenticated` with `WWW-Authenticate: Basic` (with the realm when given):
 * - header missing or not `Basic`: the 401, or `undefined` with `autoError: false`;
 * - a `Basic` token that is not padded standard base64, not ASCII once decoded, or has no `:`:
 *   the 401 also with `autoError: false`, as FastAPI does: broken credentials are not absent.
 *
 * Check the pair with `verifyBasic`, in constant time.
 */
export class HTTPBasic<AutoError extends boolean = true> extends SecurityScheme<
  HTTPBasicCredentials,
  AutoError
> {
  readonly realm: string | undefined;
  readonly #challenge: string;

  constructor(options?: HTTPBasicOptions<AutoError>) {
    checkOptions("HTTPBasic", options, false);
    const realm = optionalRealm(options?.realm);
    super({ type: "http", scheme: "basic" }, options);
    this.realm = realm;
    this.#challenge = realm === undefined ? "Basic" : `Basic realm="${quote(realm)}"`;
  }

  authenticate(scope: ConnectionScope): HTTPBasicCredentials | undefined {
    const { scheme, param } = splitAuthorization(headerValue(scope.headers, "authorization"));
    if (scheme.toLowerCase() !== "basic") return this.notAuthenticated();
    const credentials = decodeBasicCredentials(param);
    if (credentials === undefined) throw this.makeNotAuthenticatedError();
    return credentials;
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": this.#challenge };
  }
}

/** The header's scheme and credentials when both are there and the scheme is `expected` (any case). */
function readCredentials(
  scope: ConnectionScope,
  expected: string,
): HTTPAuthorizationCredentials | undefined {
  const { scheme, param } = splitAuthorization(headerValue(scope.headers, "authorization"));
  if (param === "" || scheme.toLowerCase() !== expected) return undefined;
  return { scheme, credentials: param };
}

/** Python's `str.title()` for a scheme token: `bearer` → `Bearer`, `x-token` → `X-Token`. */
function titleCase(word: string): string {
  let out = "";
  let previousIsLetter = false;
  for (const char of word) {
    const isLetter = char.toLowerCase() !== char.toUpperCase();
    out += isLetter && !previousIsLetter ? char.toUpperCase() : char.toLowerCase();
    previousIsLetter = isLetter;
  }
  return out;
}

function optionalRealm(realm: unknown): string | undefined {
  if (realm === undefined) return undefined;
  // Control characters would let the realm break out of the header line.
  if (typeof realm !== "string" || realm === "" || hasControlCharacter(realm)) {
    throw new SecurityConfigError(
      "HTTPBasic: realm must be a non-empty string without control characters",
    );
  }
  return realm;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Escapes a quoted-string's content (RFC 9110 §5.6.4). */
function quote(text: string): string {
  return text.replace(/["\\]/g, "\\$&");
}
