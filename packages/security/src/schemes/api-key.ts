import { cookieValue, headerValue, queryValue } from "@typhoon/server";
import { SecurityConfigError } from "../errors";
import type { ConnectionScope } from "../request/request-scope";
import type { APIKeyLocation } from "./openapi";
import { checkOptions, requireString, type SchemeOptions, SecurityScheme } from "./scheme";

export interface APIKeyOptions<AutoError extends boolean = boolean>
  extends SchemeOptions<AutoError> {
  /** The header, query parameter or cookie that carries the key (as documented and sent). */
  name: string;
}

// RFC 9110 token characters: anything else could never arrive as a header name.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Shared by the three API key schemes: yields the key string. A missing or empty key answers
 * 401 `Not authenticated` with `WWW-Authenticate: APIKey` (a custom challenge: RFC 9110 wants
 * one on every 401, and API keys have no standard one; FastAPI ≥ 0.122 sends the same, earlier
 * versions answered 403). The key is not checked here: compare it with `safeEqual`.
 */
export abstract class APIKeyBase<AutoError extends boolean> extends SecurityScheme<
  string,
  AutoError
> {
  /** The name as given (documented in OpenAPI). */
  readonly keyName: string;

  protected constructor(location: APIKeyLocation, name: string, options: SchemeOptions<AutoError>) {
    super({ type: "apiKey", in: location, name }, options);
    this.keyName = name;
  }

  protected check(key: string | undefined): string | undefined {
    return key ? key : this.notAuthenticated();
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": "APIKey" };
  }
}

/** An API key in a request header, e.g. `APIKeyHeader({ name: "X-API-Key" })`; the name is case-insensitive. */
export class APIKeyHeader<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  readonly #lowerName: string;

  constructor(options: APIKeyOptions<AutoError>) {
    checkOptions("APIKeyHeader", options, true);
    const name = requireString("APIKeyHeader", "name", options.name);
    if (!HEADER_NAME.test(name)) {
      throw new SecurityConfigError(
        `APIKeyHeader: ${JSON.stringify(name)} is not a valid header name`,
      );
    }
    super("header", name, options);
    this.#lowerName = name.toLowerCase();
  }

  authenticate(scope: ConnectionScope): string | undefined {
    return this.check(headerValue(scope.headers, this.#lowerName));
  }
}

/** An API key in the query string, e.g. `APIKeyQuery({ name: "api_key" })`; the name is case-sensitive, the last value wins. */
export class APIKeyQuery<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  constructor(options: APIKeyOptions<AutoError>) {
    checkOptions("APIKeyQuery", options, true);
    super("query", requireString("APIKeyQuery", "name", options.name), options);
  }

  authenticate(scope: ConnectionScope): string | undefined {
    return this.check(queryValue(scope.query_string, this.keyName));
  }
}

/** An API key in a cookie, e.g. `APIKeyCookie({ name: "session_key" })`. */
export class APIKeyCookie<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  constructor(options: APIKeyOptions<AutoError>) {
    checkOptions("APIKeyCookie", options, true);
    const name = requireString("APIKeyCookie", "name", options.name);
    if (/[\s;=,]/.test(name)) {
      throw new SecurityConfigError(
        `APIKeyCookie: ${JSON.stringify(name)} is not a valid cookie name`,
      );
    }
    super("cookie", name, options);
  }

  authenticate(scope: ConnectionScope): string | undefined {
    return this.check(cookieValue(scope.headers, this.keyName));
  }
}
