import { JwtError, SecurityConfigError } from "../errors";
import { type PreparedKey, prepareKey, SUPPORTED_ALGORITHMS } from "./keys";
import type { CreateJwtOptions, JwtAlgorithm, JwtKeyOptions } from "./types";

/** Largest key set accepted: rotation needs two or three; hundreds means a bug. */
export const MAX_KEYS = 100;

/** The keys of one `createJwt`, checked once, with the rules for picking a key. */
export interface KeyRing {
  /** The key `sign` uses, or undefined for a verify-only ring. */
  readonly signing: PreparedKey | undefined;
  /** Algorithms `verify` accepts, in the order given. */
  readonly algorithms: readonly JwtAlgorithm[];
  readonly keys: readonly PreparedKey[];
  /** The key for a token's header, or a `JwtError` (unknown kid, algorithm not the key's). */
  select(header: { alg?: unknown; kid?: unknown }): PreparedKey;
  /** The key for `sign`, by kid or the current one. */
  signingKey(kid: string | undefined): PreparedKey;
}

export function buildKeyRing(options: CreateJwtOptions): KeyRing {
  const keySet = "keys" in options && options.keys !== undefined;
  const keys = keySet
    ? prepareKeySet(options.keys)
    : [prepareKey(options as JwtKeyOptions, "createJwt")];
  const byKid = new Map<string, PreparedKey>();
  for (const key of keys) if (key.kid !== undefined) byKid.set(key.kid, key);
  // One key without a kid verifies every token; otherwise tokens must name their key.
  const onlyKey = keys.length === 1 && keys[0]!.kid === undefined ? keys[0] : undefined;

  const algorithms = checkAlgorithms(options.algorithms, keys);
  const allowed = new Set(algorithms);
  const signing = pickSigningKey(
    keySet ? (options as { signingKid?: string }).signingKid : undefined,
    keys,
    byKid,
  );

  function select(header: { alg?: unknown; kid?: unknown }): PreparedKey {
    let key = onlyKey;
    if (key === undefined) {
      key = typeof header.kid === "string" ? byKid.get(header.kid) : undefined;
      if (key === undefined)
        throw new JwtError("JWT_UNKNOWN_KID", "Token key id is missing or unknown");
    }
    // The key decides the algorithm: a token may not reuse an RSA public key as an HMAC secret.
    if (header.alg !== key.algorithm || !allowed.has(key.algorithm)) {
      throw new JwtError("JWT_ALG_NOT_ALLOWED", "Token algorithm is not allowed for its key");
    }
    return key;
  }

  function signingKey(kid: string | undefined): PreparedKey {
    const key = kid === undefined ? signing : byKid.get(kid);
    if (key === undefined) {
      throw new SecurityConfigError(
        kid === undefined
          ? "This JWT instance has no private key or secret: it can only verify"
          : `No key with kid ${JSON.stringify(kid)}`,
      );
    }
    if (key.signingKey === undefined) {
      throw new SecurityConfigError(
        `Key ${JSON.stringify(kid)} has no private key: it can only verify`,
      );
    }
    return key;
  }

  return { signing, algorithms, keys, select, signingKey };
}

function prepareKeySet(list: readonly JwtKeyOptions[]): PreparedKey[] {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_KEYS) {
    throw new SecurityConfigError(`keys must be a non-empty array of at most ${MAX_KEYS} keys`);
  }
  const seen = new Set<string>();
  return list.map((options, index) => {
    const key = prepareKey(options, `keys[${index}]`);
    if (key.kid === undefined)
      throw new SecurityConfigError(`keys[${index}]: every key of a key set needs a kid`);
    if (seen.has(key.kid))
      throw new SecurityConfigError(`keys[${index}]: duplicate kid ${JSON.stringify(key.kid)}`);
    seen.add(key.kid);
    return key;
  });
}

function checkAlgorithms(
  requested: readonly JwtAlgorithm[] | undefined,
  keys: readonly PreparedKey[],
): JwtAlgorithm[] {
  const used = [...new Set(keys.map((key) => key.algorithm))];
  if (requested === undefined) return used;
  if (!Array.isArray(requested) || requested.length === 0) {
    throw new SecurityConfigError("algorithms must be a non-empty array");
  }
  for (const algorithm of requested) {
    if (!SUPPORTED_ALGORITHMS.includes(algorithm)) {
      throw new SecurityConfigError(
        `algorithms: ${JSON.stringify(algorithm)} is not supported (use ${SUPPORTED_ALGORITHMS.join(", ")})`,
      );
    }
    // Allowing an algorithm no key has is how "HS256 next to an RSA key" confusion starts.
    if (!used.includes(algorithm)) {
      throw new SecurityConfigError(`algorithms: ${algorithm} is allowed but no key uses it`);
    }
  }
  return [...new Set(requested)];
}

function pickSigningKey(
  signingKid: string | undefined,
  keys: readonly PreparedKey[],
  byKid: ReadonlyMap<string, PreparedKey>,
): PreparedKey | undefined {
  if (signingKid === undefined) return keys.find((key) => key.signingKey !== undefined);
  const key = byKid.get(signingKid);
  if (key === undefined)
    throw new SecurityConfigError(
      `signingKid ${JSON.stringify(signingKid)} names no key of the set`,
    );
  if (key.signingKey === undefined) {
    throw new SecurityConfigError(
      `signingKid ${JSON.stringify(signingKid)} names a key without a private key or secret`,
    );
  }
  return key;
}
