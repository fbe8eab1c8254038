import type { Headers as HeaderPairs } from "@typhoon/server";

/** Which origins may call: a list (exact strings or patterns), `"*"`, a pattern, or a predicate. */
export type AllowedOrigins =
  | "*"
  | RegExp
  | ((origin: string) => boolean)
  | readonly (string | RegExp)[];

export interface CORSOptions {
  /** Default: none (so only same-origin requests work). `"*"` or `["*"]` allows any origin. */
  allowOrigins?: AllowedOrigins;
  /** Methods a preflight may ask for, compared case-sensitively. Default `["GET"]`; `"*"` = all. */
  allowMethods?: readonly string[] | "*";
  /**
   * Request headers a preflight may ask for, besides the always-safe `Accept`,
   * `Accept-Language`, `Content-Language` and `Content-Type`. `"*"` mirrors whatever is asked.
   */
  allowHeaders?: readonly string[] | "*";
  /** Send `Access-Control-Allow-Credentials: true`. Cannot be combined with any-origin. */
  allowCredentials?: boolean;
  /** Response headers the browser may show to scripts. */
  exposeHeaders?: readonly string[];
  /** Seconds a browser may cache a preflight answer. Default 600. */
  maxAge?: number;
}

const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const SAFELISTED_HEADERS = ["Accept", "Accept-Language", "Content-Language", "Content-Type"];

/** The CORS rules planned once: fixed header sets, the origin check, the allowed names. */
export interface CORSPolicy {
  readonly allowAllOrigins: boolean;
  /** A preflight echoes the origin (and varies on it) instead of answering `*`. */
  readonly preflightExplicitOrigin: boolean;
  readonly allowAllHeaders: boolean;
  readonly isAllowedOrigin: (origin: string) => boolean;
  readonly allowedMethods: ReadonlySet<string>;
  /** Lower-cased. */
  readonly allowedHeaders: ReadonlySet<string>;
  /** Added to every answer to a request with an Origin (Starlette's `simple_headers`). */
  readonly simpleHeaders: HeaderPairs;
  /** The head of every preflight answer, before `Access-Control-Allow-Origin`. */
  readonly preflightHeaders: HeaderPairs;
}

export function planCORS(options: CORSOptions = {}): CORSPolicy {
  const origins = options.allowOrigins ?? [];
  const allowAllOrigins = origins === "*" || (Array.isArray(origins) && origins.includes("*"));
  const credentials = options.allowCredentials === true;
  if (allowAllOrigins && credentials) {
    // Starlette would echo every origin with credentials, letting any site act as the user.
    throw new TypeError(
      'cors(): allowOrigins "*" cannot be combined with allowCredentials; list the origins, ' +
        "or pass a function that decides which ones to trust",
    );
  }
  const maxAge = options.maxAge ?? 600;
  if (!Number.isInteger(maxAge) || maxAge < 0) {
    throw new TypeError(`cors(): maxAge must be a non-negative integer, got ${maxAge}`);
  }
  const methods = options.allowMethods ?? ["GET"];
  const allowedMethods = methods === "*" || methods.includes("*") ? ALL_METHODS : [...methods];
  const headerOption = options.allowHeaders ?? [];
  const allowAllHeaders = headerOption === "*" || headerOption.includes("*");
  const headerNames = allowAllHeaders ? [] : [...SAFELISTED_HEADERS, ...headerOption];
  const allowHeaders = dedupeIgnoringCase(headerNames).sort();

  const simpleHeaders: HeaderPairs = [];
  if (allowAllOrigins) simpleHeaders.push(["access-control-allow-origin", "*"]);
  if (credentials) simpleHeaders.push(["access-control-allow-credentials", "true"]);
  const expose = options.exposeHeaders ?? [];
  if (expose.length > 0) simpleHeaders.push(["access-control-expose-headers", expose.join(", ")]);

  const preflightExplicitOrigin = !allowAllOrigins;
  const preflightHeaders: HeaderPairs = preflightExplicitOrigin
    ? [["vary", "Origin"]]
    : [["access-control-allow-origin", "*"]];
  preflightHeaders.push(
    ["access-control-allow-methods", allowedMethods.join(", ")],
    ["access-control-max-age", String(maxAge)],
  );
  if (!allowAllHeaders) {
    preflightHeaders.push(["access-control-allow-headers", allowHeaders.join(", ")]);
  }
  if (credentials) preflightHeaders.push(["access-control-allow-credentials", "true"]);

  return {
    allowAllOrigins,
    preflightExplicitOrigin,
    allowAllHeaders,
    isAllowedOrigin: originMatcher(origins, allowAllOrigins),
    allowedMethods: new Set(allowedMethods),
    allowedHeaders: new Set(allowHeaders.map((h) => h.toLowerCase())),
    simpleHeaders,
    preflightHeaders,
  };
}

function originMatcher(origins: AllowedOrigins, allowAll: boolean): (origin: string) => boolean {
  if (allowAll) return () => true;
  if (typeof origins === "function") return (origin) => origins(origin) === true;
  const list = origins instanceof RegExp ? [origins] : origins;
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of list) {
    if (typeof entry === "string") exact.add(entry);
    else if (entry instanceof RegExp) patterns.push(wholeMatch(entry));
    else throw new TypeError(`cors(): allowOrigins entries must be strings or RegExps`);
  }
  if (patterns.length === 0) return (origin) => exact.has(origin);
  return (origin) => exact.has(origin) || patterns.some((p) => p.test(origin));
}

/** Starlette uses `fullmatch`: a pattern must cover the whole origin, not a substring of it. */
function wholeMatch(pattern: RegExp): RegExp {
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ""));
}

function dedupeIgnoringCase(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
