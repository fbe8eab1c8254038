import type { SecurityRequirementDescription, SecuritySchemeDescription } from "../description";
import { OpenAPIError } from "../errors";
import { COMPONENT_NAME } from "../schema/registry";
import { stableStringify } from "../schema/stable-json";
import type { OperationSite } from "./context";

const SCHEME_TYPES = new Set(["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"]);

/** `components/securitySchemes`: each name bound to one definition, in first-use order. */
export class SecuritySchemes {
  readonly #schemes = new Map<string, { definition: object; json: string; where: string }>();

  add(scheme: SecuritySchemeDescription, where: string): void {
    const { name, definition } = scheme ?? {};
    if (typeof name !== "string" || !COMPONENT_NAME.test(name)) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${where}: invalid security scheme name ${JSON.stringify(name)} (use letters, digits, ".", "_", "-")`,
      );
    }
    if (
      typeof definition !== "object" ||
      definition === null ||
      !SCHEME_TYPES.has(definition.type)
    ) {
      throw new OpenAPIError(
        "INVALID_DESCRIPTION",
        `${where}: security scheme "${name}" needs a definition with type apiKey, http, mutualTLS, oauth2 or openIdConnect`,
      );
    }
    const json = stableStringify(definition);
    const existing = this.#schemes.get(name);
    if (existing === undefined) {
      this.#schemes.set(name, { definition, json, where });
    } else if (existing.json !== json) {
      throw new OpenAPIError(
        "COMPONENT_CONFLICT",
        `Two different security schemes are named "${name}" (${existing.where} and ${where}): give them distinct names`,
      );
    }
  }

  toJSON(): Record<string, object> | undefined {
    if (this.#schemes.size === 0) return undefined;
    return Object.fromEntries([...this.#schemes].map(([name, s]) => [name, s.definition]));
  }
}

/**
 * The operation's `security`: one requirement object per scheme, as FastAPI writes them
 * (`[{"OAuth2PasswordBearer": ["me"]}, {"APIKeyHeader": []}]`); a scheme used several times
 * along the dependency chain is listed once with the union of its scopes.
 */
export function buildSecurity(
  requirements: readonly SecurityRequirementDescription[],
  site: OperationSite,
  schemes: SecuritySchemes,
): Array<Record<string, string[]>> | undefined {
  const scopesByScheme = new Map<string, Set<string>>();
  for (const requirement of requirements) {
    schemes.add(requirement.scheme, `${site.label}: security`);
    const scopes = scopesByScheme.get(requirement.scheme.name) ?? new Set<string>();
    for (const scope of requirement.scopes ?? []) {
      if (typeof scope !== "string") {
        throw new OpenAPIError(
          "INVALID_DESCRIPTION",
          `${site.label}: security scheme "${requirement.scheme.name}" has a scope that is not a string`,
        );
      }
      scopes.add(scope);
    }
    scopesByScheme.set(requirement.scheme.name, scopes);
  }
  if (scopesByScheme.size === 0) return undefined;
  return [...scopesByScheme].map(([name, scopes]) => ({ [name]: [...scopes] }));
}
