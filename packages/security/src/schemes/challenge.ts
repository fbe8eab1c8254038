import type { SecurityScopes } from "@typhoon/di";

/**
 * The `WWW-Authenticate` value for a 401 from your own token check, as FastAPI's tutorial
 * builds it: `Bearer scope="items:read me"` when scopes are required, else `Bearer`.
 *
 * ```ts
 * throw new SecurityHTTPError(401, "Not enough permissions", {
 *   "WWW-Authenticate": bearerChallenge(securityScopes),
 * });
 * ```
 */
export function bearerChallenge(scopes?: SecurityScopes | readonly string[]): string {
  const list =
    scopes === undefined ? [] : Array.isArray(scopes) ? scopes : (scopes as SecurityScopes).scopes;
  if (list.length === 0) return "Bearer";
  return `Bearer scope="${list.join(" ").replace(/["\\]/g, "\\$&")}"`;
}
