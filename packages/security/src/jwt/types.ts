import type { JsonWebKey, KeyObject, webcrypto } from "node:crypto";
import type { Duration } from "./duration";

/** The signature algorithms this package issues and accepts. */
export type JwtAlgorithm = "HS256" | "RS256" | "EdDSA";

/** An asymmetric key: a Node `KeyObject`, a WebCrypto `CryptoKey`, a PEM string, or a JWK object. */
export type AsymmetricKeyInput = KeyObject | webcrypto.CryptoKey | string | JsonWebKey;

/** An HMAC key. The secret must be at least 32 bytes (strings count as UTF-8). */
export interface HmacKeyOptions {
  algorithm: "HS256";
  secret: string | Uint8Array | KeyObject;
  /** Key id written into the header of tokens signed with this key, and looked up on verify. */
  kid?: string;
}

/**
 * An RSA (RS256, at least 2048 bits) or Ed25519 (EdDSA) key. Give the private key to sign (the
 * public key is derived from it), the public key alone to only verify, or both (they must match).
 */
export interface AsymmetricKeyOptions {
  algorithm: "RS256" | "EdDSA";
  privateKey?: AsymmetricKeyInput;
  publicKey?: AsymmetricKeyInput;
  /** Key id written into the header of tokens signed with this key, and looked up on verify. */
  kid?: string;
}

/** One key with its algorithm: the algorithm is pinned to the key, never read from a token. */
export type JwtKeyOptions = HmacKeyOptions | AsymmetricKeyOptions;

/** Settings shared by the single-key and the key-set forms of `createJwt`. */
export interface JwtSharedOptions {
  /** Written as `iss` on sign; required and compared on verify. */
  issuer?: string;
  /** Written as `aud` on sign; on verify the token's `aud` must contain one of these. */
  audience?: string | string[];
  /** Lifetime of issued tokens (default `"15m"`). Every token carries `exp`. */
  expiresIn?: Duration;
  /** Leeway for `exp`, `nbf` (and `iat` with `maxAge`) on verify, for clock skew between hosts (default 0). */
  clockTolerance?: Duration;
  /**
   * Algorithms `verify` accepts (default: the algorithms of the configured keys). Each must be the
   * algorithm of some key; a token must name an allowed algorithm AND the algorithm of the key it
   * selects. `none` is never accepted.
   */
  algorithms?: readonly JwtAlgorithm[];
  /** Reject tokens without `exp` (default true). */
  requireExpiration?: boolean;
  /** The `typ` header written on sign (default `"JWT"`). When set explicitly, verify requires it too. */
  typ?: string;
  /** Longer tokens are rejected as `JWT_MALFORMED` before any parsing (default 8192 characters). */
  maxTokenLength?: number;
  /** The current time, for tests (default: the system clock). Used for `iat`/`exp`/`nbf` and on verify. */
  clock?: () => Date;
}

/** A single key: `createJwt({ algorithm: "HS256", secret, ... })`. */
export type SingleKeyJwtOptions = JwtKeyOptions & JwtSharedOptions & { keys?: never };

/**
 * Several keys for rotation: every key has a `kid`; tokens are verified by the key their `kid`
 * names and signed with `signingKid` (default: the first key that can sign).
 */
export interface KeySetJwtOptions extends JwtSharedOptions {
  keys: readonly JwtKeyOptions[];
  signingKid?: string;
}

export type CreateJwtOptions = SingleKeyJwtOptions | KeySetJwtOptions;

/** The registered claims, typed, plus any custom claim. */
export interface JwtPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  [claim: string]: unknown;
}

/**
 * Claims given to `sign`: custom claims plus `sub` and `jti`. The time claims and `iss`/`aud`
 * come from the options so they cannot disagree with what `verify` expects.
 */
export type JwtClaims = { [claim: string]: unknown } & {
  sub?: string;
  jti?: string;
  iss?: never;
  aud?: never;
  exp?: never;
  nbf?: never;
  iat?: never;
};

/** Per-token overrides for `sign`. */
export interface JwtSignOptions {
  /** Lifetime of this token instead of the configured `expiresIn`. */
  expiresIn?: Duration;
  /** Not valid before this instant, or this long after issue. */
  notBefore?: Duration | Date;
  /** `sub` claim (wins over `claims.sub`). */
  subject?: string;
  /** `aud` claim instead of the configured audience. */
  audience?: string | string[];
  /** `jti` claim (wins over `claims.jti`). */
  jwtId?: string;
  /** Sign with this key of the set instead of the current one. */
  kid?: string;
}

/** Per-call checks for `verify`, on top of the configured ones. */
export interface JwtVerifyOptions {
  /** Expected audience instead of the configured one. */
  audience?: string | string[];
  /** The `sub` claim must equal this. */
  subject?: string;
  /** Reject tokens issued (`iat`) longer ago than this. */
  maxAge?: Duration;
}

/** A public key as published in a JWK Set (`/.well-known/jwks.json`). */
export type PublicJwk = JsonWebKey & { kid?: string; alg: JwtAlgorithm; use: "sig" };

/** Issues and verifies tokens with one key or a rotating key set. Built by `createJwt`. */
export interface Jwt {
  /** Signs `claims` with the current key; adds `iat`, `exp`, and `iss`/`aud` when configured. */
  sign(claims?: JwtClaims, options?: JwtSignOptions): Promise<string>;
  /** Verifies signature, algorithm, key id and claims; throws `JwtError` on any rejection. */
  verify(token: string, options?: JwtVerifyOptions): Promise<JwtPayload>;
  /** The public keys of the set (asymmetric keys only), for other services to verify with. */
  jwks(): { keys: PublicJwk[] };
  /** The algorithms `verify` accepts. */
  readonly algorithms: readonly JwtAlgorithm[];
  /** The `kid` of the key `sign` uses, if it has one. */
  readonly signingKid: string | undefined;
  /** False for a verify-only instance (public keys only). */
  readonly canSign: boolean;
}
