import { createPrivateKey, createPublicKey, KeyObject, webcrypto } from "node:crypto";
import { SecurityConfigError } from "../errors";
import type {
  AsymmetricKeyInput,
  AsymmetricKeyOptions,
  HmacKeyOptions,
  JwtAlgorithm,
  JwtKeyOptions,
} from "./types";

/** A key checked once at setup, in the forms jose takes. */
export interface PreparedKey {
  readonly kid: string | undefined;
  readonly algorithm: JwtAlgorithm;
  /** The HMAC secret or the private key; undefined for a verify-only key. */
  readonly signingKey: Uint8Array | KeyObject | undefined;
  /** The HMAC secret or the public key. */
  readonly verifyingKey: Uint8Array | KeyObject;
  /**
   * What to hand jose. HMAC secrets are imported into WebCrypto once (jose would re-import raw
   * bytes on every call, about twice the cost of a verify); jose caches KeyObjects itself.
   */
  readonly joseKey: (use: "sign" | "verify") => KeyObject | Promise<webcrypto.CryptoKey>;
}

export const SUPPORTED_ALGORITHMS: readonly JwtAlgorithm[] = ["HS256", "RS256", "EdDSA"];

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
export const MIN_HMAC_SECRET_BYTES = 32;
/** RFC 7518 §3.3 and jose's own floor. */
export const MIN_RSA_BITS = 2048;
const MAX_KID_LENGTH = 256;

/** Validates one key's options and converts its material. Throws `SecurityConfigError`. */
export function prepareKey(options: JwtKeyOptions, label: string): PreparedKey {
  if (options === null || typeof options !== "object") {
    throw new SecurityConfigError(`${label} must be an object with an algorithm and key material`);
  }
  const kid = checkKid(options.kid, label);
  switch (options.algorithm) {
    case "HS256":
      return prepareHmac(options, kid, label);
    case "RS256":
    case "EdDSA":
      return prepareAsymmetric(options, kid, label);
    default:
      throw new SecurityConfigError(
        `${label}: algorithm must be one of ${SUPPORTED_ALGORITHMS.join(", ")}, got ${JSON.stringify((options as { algorithm?: unknown }).algorithm)}`,
      );
  }
}

function checkKid(kid: unknown, label: string): string | undefined {
  if (kid === undefined) return undefined;
  if (typeof kid !== "string" || kid.length === 0 || kid.length > MAX_KID_LENGTH) {
    throw new SecurityConfigError(
      `${label}: kid must be a non-empty string of at most ${MAX_KID_LENGTH} characters`,
    );
  }
  return kid;
}

function prepareHmac(options: HmacKeyOptions, kid: string | undefined, label: string): PreparedKey {
  const { secret } = options;
  let bytes: Uint8Array;
  if (typeof secret === "string") {
    // A PEM as an HMAC secret is the shape of the algorithm-confusion attack: refuse it outright.
    if (secret.trimStart().startsWith("-----BEGIN")) {
      throw new SecurityConfigError(
        `${label}: the HS256 secret looks like a PEM key; use RS256 or EdDSA with privateKey/publicKey`,
      );
    }
    bytes = new TextEncoder().encode(secret);
  } else if (secret instanceof Uint8Array) {
    bytes = new Uint8Array(secret); // a copy: the caller may reuse its buffer
  } else if (secret instanceof KeyObject && secret.type === "secret") {
    bytes = new Uint8Array(secret.export());
  } else {
    throw new SecurityConfigError(
      `${label}: the HS256 secret must be a string, a Uint8Array or a secret KeyObject`,
    );
  }
  if (bytes.byteLength < MIN_HMAC_SECRET_BYTES) {
    throw new SecurityConfigError(
      `${label}: the HS256 secret must be at least ${MIN_HMAC_SECRET_BYTES} bytes, got ${bytes.byteLength} (generate one with crypto.randomBytes(32))`,
    );
  }
  let imported: Promise<webcrypto.CryptoKey> | undefined;
  const joseKey = () =>
    (imported ??= webcrypto.subtle.importKey(
      "raw",
      bytes,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    ));
  return { kid, algorithm: "HS256", signingKey: bytes, verifyingKey: bytes, joseKey };
}

function prepareAsymmetric(
  options: AsymmetricKeyOptions,
  kid: string | undefined,
  label: string,
): PreparedKey {
  const { algorithm } = options;
  if (options.privateKey === undefined && options.publicKey === undefined) {
    throw new SecurityConfigError(
      `${label}: ${algorithm} needs a privateKey (to sign) or a publicKey (to verify)`,
    );
  }
  const privateKey =
    options.privateKey === undefined
      ? undefined
      : toKeyObject(options.privateKey, "private", algorithm, `${label}.privateKey`);
  const publicKey =
    options.publicKey === undefined
      ? undefined
      : toKeyObject(options.publicKey, "public", algorithm, `${label}.publicKey`);
  const derivedPublic = privateKey ? createPublicKey(privateKey) : undefined;
  if (publicKey && derivedPublic && !spki(publicKey).equals(spki(derivedPublic))) {
    throw new SecurityConfigError(`${label}: publicKey does not belong to privateKey`);
  }
  const verifyingKey = publicKey ?? derivedPublic!;
  checkKeyFitsAlgorithm(verifyingKey, algorithm, label);
  const joseKey = (use: "sign" | "verify") => (use === "sign" ? privateKey! : verifyingKey);
  return { kid, algorithm, signingKey: privateKey, verifyingKey, joseKey };
}

function spki(key: KeyObject): Buffer {
  return key.export({ format: "der", type: "spki" });
}

function toKeyObject(
  input: AsymmetricKeyInput,
  want: "private" | "public",
  algorithm: JwtAlgorithm,
  label: string,
): KeyObject {
  let key: KeyObject;
  try {
    if (input instanceof KeyObject) {
      key = input;
    } else if (isCryptoKey(input)) {
      key = KeyObject.from(input);
    } else if (typeof input === "string") {
      key = want === "private" ? createPrivateKey(input) : createPublicKey(input);
    } else if (input !== null && typeof input === "object") {
      checkJwkFields(input as Record<string, unknown>, algorithm, label);
      key =
        want === "private"
          ? createPrivateKey({ key: input, format: "jwk" })
          : createPublicKey({ key: input, format: "jwk" });
    } else {
      throw new SecurityConfigError(
        `${label} must be a KeyObject, a CryptoKey, a PEM string or a JWK object`,
      );
    }
  } catch (error) {
    if (error instanceof SecurityConfigError) throw error;
    throw new SecurityConfigError(
      `${label} could not be read as a ${want} key: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (key.type === "secret") {
    throw new SecurityConfigError(`${label} is a secret key; ${algorithm} needs an asymmetric key`);
  }
  if (want === "private" && key.type !== "private") {
    throw new SecurityConfigError(`${label} is a public key; signing needs the private key`);
  }
  // A private key given where the public one is wanted is harmless: keep only its public half.
  return want === "public" && key.type === "private" ? createPublicKey(key) : key;
}

// Node 20 has CryptoKey as a global but not on `webcrypto`, and @types/node 20 does not declare the global.
const CryptoKeyClass = (globalThis as { CryptoKey?: abstract new () => webcrypto.CryptoKey })
  .CryptoKey;

function isCryptoKey(value: unknown): value is webcrypto.CryptoKey {
  return CryptoKeyClass !== undefined && value instanceof CryptoKeyClass;
}

function checkJwkFields(
  jwk: Record<string, unknown>,
  algorithm: JwtAlgorithm,
  label: string,
): void {
  if (jwk.alg !== undefined && jwk.alg !== algorithm) {
    throw new SecurityConfigError(`${label} is a JWK for ${String(jwk.alg)}, not ${algorithm}`);
  }
  if (jwk.use !== undefined && jwk.use !== "sig") {
    throw new SecurityConfigError(
      `${label} is a JWK with use ${JSON.stringify(jwk.use)}; signing keys need "sig"`,
    );
  }
}

function checkKeyFitsAlgorithm(key: KeyObject, algorithm: JwtAlgorithm, label: string): void {
  const type = key.asymmetricKeyType;
  if (algorithm === "RS256") {
    if (type !== "rsa") {
      throw new SecurityConfigError(`${label}: RS256 needs an RSA key, got ${type ?? "unknown"}`);
    }
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) {
      throw new SecurityConfigError(
        `${label}: RS256 needs an RSA key of at least ${MIN_RSA_BITS} bits, got ${bits}`,
      );
    }
  } else if (type !== "ed25519") {
    throw new SecurityConfigError(`${label}: EdDSA needs an Ed25519 key, got ${type ?? "unknown"}`);
  }
}
