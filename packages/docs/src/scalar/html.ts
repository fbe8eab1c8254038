import { escapeHtml, jsonForScript } from "./escape";

/** Scalar's built-in themes. */
export type ScalarTheme =
  | "default"
  | "alternate"
  | "moon"
  | "purple"
  | "solarized"
  | "bluePlanet"
  | "deepSpace"
  | "saturn"
  | "kepler"
  | "elysiajs"
  | "fastify"
  | "mars"
  | "laserwave"
  | "none";

/** JSON-serializable Scalar options (`Scalar.createApiReference(el, options)`). */
export type ScalarConfiguration = Record<string, unknown>;

export interface ScalarHtmlOptions {
  /** The page's `<title>`. */
  title: string;
  /** Where the page fetches the OpenAPI document (root path included, e.g. `/api/openapi.json`). */
  openapiUrl: string;
  /**
   * Where the page loads Scalar's standalone bundle: served by the app (see `scalarBundle()`),
   * e.g. `/docs/scalar.js`, or the pinned CDN file (`SCALAR_CDN.url`).
   */
  scriptUrl: string;
  /**
   * Subresource Integrity of the file at `scriptUrl` (e.g. `SCALAR_CDN.integrity`): the
   * browser refuses a file with another hash. Set for a CDN URL; adds `crossorigin="anonymous"`.
   */
  scriptIntegrity?: string;
  theme?: ScalarTheme;
  /**
   * OAuth2 convenience: the security scheme the "Authorize" panel selects first (its key in
   * `components/securitySchemes`, e.g. `OAuth2PasswordBearer`).
   */
  preferredSecurityScheme?: string;
  /** Added to both `<script>` elements, for a Content-Security-Policy with nonces. */
  nonce?: string;
  /**
   * More Scalar options, merged over the offline defaults (see {@link scalarDefaults}).
   * Values must be JSON: functions cannot cross into the page. `url` is always `openapiUrl`.
   */
  configuration?: ScalarConfiguration;
}

/**
 * Scalar options that keep the page offline and private: no web fonts from fonts.scalar.com,
 * no telemetry, no AI agent (it talks to scalar.com), and requests sent straight to the API
 * (no proxy.scalar.com).
 */
export function scalarDefaults(): ScalarConfiguration {
  return {
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    showDeveloperTools: "never",
  };
}

/**
 * The HTML of the docs page: Scalar's API reference, loaded from `scriptUrl` (served by the
 * app itself, so it works with no internet, or a CDN checked by `scriptIntegrity`) and
 * pointed at `openapiUrl`. Every value is
 * escaped: HTML text and attributes entity-escaped, the configuration embedded as JSON with
 * `<`, `>`, `&`, U+2028 and U+2029 escaped, so no value can close the script element.
 *
 * The OAuth2 password flow needs nothing more: Scalar reads `flows.password.tokenUrl` from
 * the document (a relative URL resolves against the first server, or the page) and its
 * "Authorize" form posts `grant_type=password`, `username`, `password` and `scope` there.
 */
export function scalarHtml(options: ScalarHtmlOptions): string {
  for (const key of ["title", "openapiUrl", "scriptUrl"] as const) {
    if (typeof options?.[key] !== "string") {
      throw new TypeError(`scalarHtml: ${key} must be a string`);
    }
  }
  const configuration: ScalarConfiguration = { ...scalarDefaults() };
  if (options.theme !== undefined) configuration.theme = options.theme;
  Object.assign(configuration, options.configuration);
  if (options.preferredSecurityScheme !== undefined) {
    // Merged into (not replacing) any `authentication` block of `configuration`.
    const given = configuration.authentication;
    configuration.authentication = {
      ...(typeof given === "object" && given !== null ? given : {}),
      preferredSecurityScheme: options.preferredSecurityScheme,
    };
  }
  configuration.url = options.openapiUrl;
  const nonce = options.nonce === undefined ? "" : ` nonce="${escapeHtml(options.nonce)}"`;
  const integrity =
    options.scriptIntegrity === undefined
      ? ""
      : ` integrity="${escapeHtml(options.scriptIntegrity)}" crossorigin="anonymous"`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="${escapeHtml(options.scriptUrl)}"${integrity}${nonce}></script>
    <script${nonce}>
      Scalar.createApiReference("#app", ${jsonForScript(configuration)});
    </script>
  </body>
</html>
`;
}
