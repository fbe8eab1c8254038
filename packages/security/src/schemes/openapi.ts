// The OpenAPI 3.1 Security Scheme Objects the schemes describe themselves with. Type aliases
// (not interfaces) so they stay assignable to `Record<string, unknown>` for the docs builder.

/** One OAuth2 flow: the URLs it needs and the scopes it offers (scope name → description). */
export type OAuthFlow = {
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: Record<string, string>;
};

/** The flows of an OAuth2 scheme, as OpenAPI names them. */
export type OAuthFlows = {
  implicit?: { authorizationUrl: string; refreshUrl?: string; scopes: Record<string, string> };
  password?: { tokenUrl: string; refreshUrl?: string; scopes: Record<string, string> };
  clientCredentials?: { tokenUrl: string; refreshUrl?: string; scopes: Record<string, string> };
  authorizationCode?: {
    authorizationUrl: string;
    tokenUrl: string;
    refreshUrl?: string;
    scopes: Record<string, string>;
  };
};

export type APIKeyLocation = "header" | "query" | "cookie";

export type SecuritySchemeDefinition =
  | { type: "apiKey"; in: APIKeyLocation; name: string; description?: string }
  | { type: "http"; scheme: string; bearerFormat?: string; description?: string }
  | { type: "oauth2"; flows: OAuthFlows; description?: string }
  | { type: "openIdConnect"; openIdConnectUrl: string; description?: string };

/**
 * What the docs builder collects from a scheme: `name` is the key under
 * `components/securitySchemes` (FastAPI's `scheme_name`), `definition` the object stored there.
 */
export type SecuritySchemeInfo = {
  readonly name: string;
  readonly definition: Readonly<SecuritySchemeDefinition>;
};
