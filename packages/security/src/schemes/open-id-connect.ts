import { headerValue } from "@typhoon/server";
import type { ConnectionScope } from "../request/request-scope";
import { checkOptions, requireString, type SchemeOptions, SecurityScheme } from "./scheme";

export interface OpenIdConnectOptions<AutoError extends boolean = boolean>
  extends SchemeOptions<AutoError> {
  /** The provider's discovery document, e.g. `https://id.example/.well-known/openid-configuration`. */
  openIdConnectUrl: string;
}

/**
 * OpenID Connect, as in FastAPI: documents the discovery URL and yields the whole
 * `Authorization` header value, unparsed; verifying the ID or access token is yours. Missing
 * header: 401 `Not authenticated` with `WWW-Authenticate: Bearer`.
 */
export class OpenIdConnect<AutoError extends boolean = true> extends SecurityScheme<
  string,
  AutoError
> {
  constructor(options: OpenIdConnectOptions<AutoError>) {
    checkOptions("OpenIdConnect", options, true);
    const openIdConnectUrl = requireString(
      "OpenIdConnect",
      "openIdConnectUrl",
      options.openIdConnectUrl,
    );
    super({ type: "openIdConnect", openIdConnectUrl }, options);
  }

  authenticate(scope: ConnectionScope): string | undefined {
    return headerValue(scope.headers, "authorization") || this.notAuthenticated();
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": "Bearer" };
  }
}
