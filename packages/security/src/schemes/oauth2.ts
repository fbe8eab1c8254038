import { headerValue } from "@typhoon/server";
import { SecurityConfigError } from "../errors";
import { splitAuthorization } from "../request/read";
import type { ConnectionScope } from "../request/request-scope";
import type { OAuthFlows } from "./openapi";
import {
  checkOptions,
  optionalString,
  requireString,
  type SchemeOptions,
  SecurityScheme,
} from "./scheme";

/** Scope name → human description, shown in the docs' "Authorize" dialog. */
export type OAuth2Scopes = Readonly<Record<string, string>>;

/** A flow as given to `OAuth2`: like OpenAPI's, with `scopes` optional (default none). */
type FlowInput<F> = F extends { scopes: unknown }
  ? Omit<F, "scopes"> & { scopes?: OAuth2Scopes }
  : never;

export type OAuthFlowsInput = {
  [K in keyof OAuthFlows]?: FlowInput<NonNullable<OAuthFlows[K]>>;
};

export interface OAuth2Options<AutoError extends boolean = boolean>
  extends SchemeOptions<AutoError> {
  /** The flows to document (default none). */
  flows?: OAuthFlowsInput;
}

/**
 * Generic OAuth2, for flows the dedicated classes do not cover: yields the whole
 * `Authorization` header value, unparsed. Missing header: 401 `Not authenticated` with
 * `WWW-Authenticate: Bearer` (FastAPI ≥ 0.122; earlier versions answered 403).
 */
export class OAuth2<AutoError extends boolean = true> extends SecurityScheme<string, AutoError> {
  constructor(options?: OAuth2Options<AutoError>) {
    checkOptions("OAuth2", options, false);
    super({ type: "oauth2", flows: copyFlows(options?.flows ?? {}) }, options);
  }

  authenticate(scope: ConnectionScope): string | undefined {
    const authorization = headerValue(scope.headers, "authorization");
    if (!authorization) return this.notAuthenticated();
    return authorization;
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": "Bearer" };
  }
}

export interface OAuth2PasswordBearerOptions<AutoError extends boolean = boolean>
  extends SchemeOptions<AutoError> {
  /** Where the docs page posts the password form to get a token, e.g. `"token"` or `"/auth/token"`. */
  tokenUrl: string;
  refreshUrl?: string;
  scopes?: OAuth2Scopes;
}

/**
 * The OAuth2 password flow: yields the token of `Authorization: Bearer <token>`. A missing
 * header or another scheme: 401 `Not authenticated` with `WWW-Authenticate: Bearer`.
 * `Bearer` with nothing after it yields `""`, which your token check then refuses.
 * The token endpoint itself is yours: read `OAuth2PasswordRequestForm` there.
 */
export class OAuth2PasswordBearer<AutoError extends boolean = true> extends SecurityScheme<
  string,
  AutoError
> {
  constructor(options: OAuth2PasswordBearerOptions<AutoError>) {
    const where = "OAuth2PasswordBearer";
    checkOptions(where, options, true);
    const password = {
      tokenUrl: requireString(where, "tokenUrl", options.tokenUrl),
      ...refreshUrl(where, options.refreshUrl),
      scopes: copyScopes(where, options.scopes),
    };
    super({ type: "oauth2", flows: { password } }, options);
  }

  authenticate(scope: ConnectionScope): string | undefined {
    return readBearer(scope) ?? this.notAuthenticated();
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": "Bearer" };
  }
}

export interface OAuth2AuthorizationCodeBearerOptions<AutoError extends boolean = boolean>
  extends SchemeOptions<AutoError> {
  authorizationUrl: string;
  tokenUrl: string;
  refreshUrl?: string;
  scopes?: OAuth2Scopes;
}

/**
 * The OAuth2 authorization-code flow (a third-party identity provider issues the tokens):
 * yields the bearer token, with the same failures as OAuth2PasswordBearer.
 */
export class OAuth2AuthorizationCodeBearer<AutoError extends boolean = true> extends SecurityScheme<
  string,
  AutoError
> {
  constructor(options: OAuth2AuthorizationCodeBearerOptions<AutoError>) {
    const where = "OAuth2AuthorizationCodeBearer";
    checkOptions(where, options, true);
    const authorizationCode = {
      authorizationUrl: requireString(where, "authorizationUrl", options.authorizationUrl),
      tokenUrl: requireString(where, "tokenUrl", options.tokenUrl),
      ...refreshUrl(where, options.refreshUrl),
      scopes: copyScopes(where, options.scopes),
    };
    super({ type: "oauth2", flows: { authorizationCode } }, options);
  }

  authenticate(scope: ConnectionScope): string | undefined {
    return readBearer(scope) ?? this.notAuthenticated();
  }

  makeAuthenticateHeaders(): Record<string, string> {
    return { "WWW-Authenticate": "Bearer" };
  }
}

/** The token after `Bearer ` (scheme in any case), or undefined when the header is missing or another scheme. */
function readBearer(scope: ConnectionScope): string | undefined {
  const { scheme, param } = splitAuthorization(headerValue(scope.headers, "authorization"));
  return scheme.toLowerCase() === "bearer" ? param : undefined;
}

function refreshUrl(where: string, value: unknown): { refreshUrl?: string } {
  const url = optionalString(where, "refreshUrl", value);
  return url === undefined ? {} : { refreshUrl: url };
}

/** A private copy (the definition is frozen; the caller's object must not be). */
function copyScopes(where: string, scopes: unknown): Record<string, string> {
  if (scopes === undefined) return {};
  if (typeof scopes !== "object" || scopes === null || Array.isArray(scopes)) {
    throw new SecurityConfigError(`${where}: scopes must be an object of scope name → description`);
  }
  const copy: Record<string, string> = {};
  for (const [name, description] of Object.entries(scopes)) {
    if (name === "" || /\s/.test(name)) {
      throw new SecurityConfigError(
        `${where}: scope names must be non-empty and without spaces, got ${JSON.stringify(name)}`,
      );
    }
    if (typeof description !== "string") {
      throw new SecurityConfigError(
        `${where}: the description of scope "${name}" must be a string`,
      );
    }
    copy[name] = description;
  }
  return copy;
}

const FLOW_URLS = {
  implicit: ["authorizationUrl"],
  password: ["tokenUrl"],
  clientCredentials: ["tokenUrl"],
  authorizationCode: ["authorizationUrl", "tokenUrl"],
} as const;

function copyFlows(flows: unknown): OAuthFlows {
  const where = "OAuth2";
  if (typeof flows !== "object" || flows === null || Array.isArray(flows)) {
    throw new SecurityConfigError(`${where}: flows must be an object`);
  }
  const copy: Record<string, unknown> = {};
  for (const [kind, flow] of Object.entries(flows)) {
    if (flow === undefined) continue;
    if (!Object.hasOwn(FLOW_URLS, kind)) {
      throw new SecurityConfigError(
        `${where}: unknown flow ${JSON.stringify(kind)} (implicit, password, clientCredentials, authorizationCode)`,
      );
    }
    if (typeof flow !== "object" || flow === null) {
      throw new SecurityConfigError(`${where}: flows.${kind} must be an object`);
    }
    const input = flow as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const url of FLOW_URLS[kind as keyof typeof FLOW_URLS]) {
      out[url] = requireString(`${where} flows.${kind}`, url, input[url]);
    }
    Object.assign(out, refreshUrl(`${where} flows.${kind}`, input.refreshUrl));
    out.scopes = copyScopes(`${where} flows.${kind}`, input.scopes);
    copy[kind] = out;
  }
  return copy as OAuthFlows;
}
