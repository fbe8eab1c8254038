import type { Provider } from "@typhoon/di";
import { SecurityConfigError, SecurityHTTPError } from "../errors";
import { type ConnectionScope, RequestScope } from "../request/request-scope";
import type { SecuritySchemeDefinition, SecuritySchemeInfo } from "./openapi";

/** Options every scheme accepts. */
export interface SchemeOptions<AutoError extends boolean = boolean> {
  /** Key under `components/securitySchemes` (default: the class name, as FastAPI's `scheme_name`). */
  schemeName?: string;
  /** Shown in the OpenAPI document and the docs page. */
  description?: string;
  /**
   * `true` (default): missing credentials answer 401 with a `WWW-Authenticate` challenge.
   * `false`: the dependency yields `undefined` instead, for optional authentication or for
   * trying several schemes in turn.
   */
  autoError?: AutoError;
}

/** What a scheme injects: its value, or also `undefined` when `autoError` may be `false`. */
export type SchemeValue<Value, AutoError extends boolean> = AutoError extends false
  ? Value | undefined
  : Value;

/** The params every scheme declares: the connection scope, injected by the app. */
export type SchemeParams = { readonly scope: typeof RequestScope };

const SCHEME_PARAMS: SchemeParams = Object.freeze({ scope: RequestScope });
// The docs builder's rule for component names; checked here so the mistake shows at startup.
const SCHEME_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Base of every scheme. An instance is a @typhoon/di Provider (`params`, `fn`, `name`, `kind`),
 * so `Depends(scheme)` and `Security(scheme, { scopes })` take it as is; identity is the
 * instance, for the per-request cache and for `dependencyOverrides`. `securityScheme` is the
 * OpenAPI fragment the docs builder collects.
 *
 * Subclass it like FastAPI's classes: override `authenticate` to read credentials differently,
 * or `makeNotAuthenticatedError` to answer differently (e.g. the pre-0.122 403).
 */
export abstract class SecurityScheme<Value, AutoError extends boolean = true>
  implements Provider<SchemeValue<Value, AutoError>, SchemeParams>
{
  /** Phantom: the injected type, read by `Depends()`/`Security()`. Never present at runtime. */
  declare readonly "~provides"?: { readonly type: SchemeValue<Value, AutoError> };

  readonly params: SchemeParams = SCHEME_PARAMS;
  readonly kind = "sync" as const;
  readonly name: string;
  readonly autoError: boolean;
  readonly securityScheme: SecuritySchemeInfo;
  /** What DI calls; bound to the instance (DI calls it without a receiver). */
  readonly fn: (args: { scope: ConnectionScope }) => SchemeValue<Value, AutoError>;

  protected constructor(
    definition: SecuritySchemeDefinition,
    options: SchemeOptions<AutoError> | undefined,
  ) {
    const where = new.target.name || "SecurityScheme";
    const name = options?.schemeName ?? where;
    if (typeof name !== "string" || !SCHEME_NAME.test(name)) {
      throw new SecurityConfigError(
        `${where}: schemeName must be letters, digits, ".", "_" or "-", got ${JSON.stringify(name)}`,
      );
    }
    const description = options?.description;
    if (description !== undefined && typeof description !== "string") {
      throw new SecurityConfigError(`${where}: description must be a string`);
    }
    const autoError = options?.autoError ?? true;
    if (typeof autoError !== "boolean") {
      throw new SecurityConfigError(`${where}: autoError must be a boolean`);
    }
    this.name = name;
    this.autoError = autoError;
    const full = description === undefined ? definition : { ...definition, description };
    this.securityScheme = Object.freeze({ name, definition: deepFreeze(full) });
    this.fn = (args) => this.authenticate(args.scope) as SchemeValue<Value, AutoError>;
  }

  /** Reads the credentials from the connection; throws `SecurityHTTPError` or returns `undefined` when they are missing. */
  abstract authenticate(scope: ConnectionScope): Value | undefined;

  /** The `WWW-Authenticate` challenge sent with a 401. */
  abstract makeAuthenticateHeaders(): Record<string, string>;

  /** FastAPI's `make_not_authenticated_error`: 401 `Not authenticated` with the challenge. */
  makeNotAuthenticatedError(): SecurityHTTPError {
    return new SecurityHTTPError(401, "Not authenticated", this.makeAuthenticateHeaders());
  }

  /** Missing credentials: the 401 with `autoError`, else `undefined`. */
  protected notAuthenticated(): undefined {
    if (this.autoError) throw this.makeNotAuthenticatedError();
    return undefined;
  }
}

/** Options given as something other than an object are a configuration mistake. */
export function checkOptions(where: string, options: unknown, required: boolean): void {
  if (options === undefined && !required) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new SecurityConfigError(`${where}: options must be an object`);
  }
}

/** A required, non-empty string option. */
export function requireString(where: string, key: string, value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw new SecurityConfigError(`${where}: ${key} must be a non-empty string`);
  }
  return value;
}

/** An optional string option (undefined stays undefined). */
export function optionalString(where: string, key: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return requireString(where, key, value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * True for a provider that describes an OpenAPI security scheme (every scheme of this package,
 * and any provider of yours with a `securityScheme` of the same shape). The docs builder walks
 * a route's dependency plan with it and writes each scheme with the scopes DI gathered there.
 */
export function hasSecurityScheme<T>(provider: T): provider is T & {
  readonly securityScheme: SecuritySchemeInfo;
} {
  if (typeof provider !== "object" || provider === null) return false;
  const info = (provider as { securityScheme?: unknown }).securityScheme;
  if (typeof info !== "object" || info === null) return false;
  const { name, definition } = info as { name?: unknown; definition?: unknown };
  return (
    typeof name === "string" &&
    typeof definition === "object" &&
    definition !== null &&
    typeof (definition as { type?: unknown }).type === "string"
  );
}
