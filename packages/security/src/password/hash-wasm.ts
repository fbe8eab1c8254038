import { SecurityConfigError } from "../errors";

type HashWasm = typeof import("hash-wasm");

let loading: Promise<HashWasm> | undefined;

/**
 * hash-wasm, the optional peer that computes argon2 and bcrypt, loaded on first use so an app
 * that only stores scrypt hashes installs nothing. Throws `SecurityConfigError` naming the
 * package when it is not installed: a user whose hash needs it must not just fail to log in.
 */
export function loadHashWasm(needed: string): Promise<HashWasm> {
  loading ??= import("hash-wasm").catch((cause: unknown) => {
    loading = undefined;
    throw cause;
  });
  return loading.catch((cause: unknown) => {
    throw new SecurityConfigError(
      `${needed} needs the optional package hash-wasm: install it (npm install hash-wasm)`,
      { cause },
    );
  });
}
