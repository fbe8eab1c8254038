/**
 * The OAuth2 scopes gathered along the chain from the route down to the provider that asks for
 * them (FastAPI's `SecurityScopes`). The class itself is the params marker:
 * `dependency({ security: SecurityScopes, ... }, ({ security }) => security.scopes)`.
 */
export class SecurityScopes {
  /** Phantom: lets `InferParams` give `SecurityScopes` for the class used as a marker. */
  declare static readonly "~output"?: { readonly type: SecurityScopes };

  readonly scopes: readonly string[];
  readonly #scopeStr: string;

  constructor(scopes: readonly string[] = []) {
    this.scopes = Object.freeze([...scopes]);
    this.#scopeStr = this.scopes.join(" ");
  }

  /** The scopes joined by spaces, as in a `WWW-Authenticate: Bearer scope="..."` challenge. */
  get scopeStr(): string {
    return this.#scopeStr;
  }
}

/** True when a params entry asks for the SecurityScopes (the class itself is the marker). */
export function isSecurityScopesMarker(value: unknown): boolean {
  return value === SecurityScopes;
}
