import { RouteConflictError, UrlForError } from "./errors";
import type { ParsedTemplate } from "./template";

export type UrlParams = Readonly<Record<string, string | number>>;

/** What a name points at: a route template, or a mount prefix (its rest comes from `path`). */
type NamedTarget =
  | { readonly kind: "route"; readonly parsed: ParsedTemplate; readonly staticParts: string[] }
  | { readonly kind: "mount"; readonly prefix: string };

/** Route and mount names share one namespace, as in Starlette; names must be unique. */
export class UrlBuilder {
  readonly #byName = new Map<string, NamedTarget>();

  /** Throws when `name` is taken; call before registering anything else, so a refusal leaves no trace. */
  assertNameFree(name: string, label: string): void {
    const existing = this.#byName.get(name);
    if (existing === undefined) return;
    const other = existing.kind === "route" ? existing.parsed.template : existing.prefix || "/";
    throw new RouteConflictError(
      "ROUTE_NAME_CONFLICT",
      `Route name "${name}" is used twice: by ${other} and by ${label}`,
    );
  }

  addRoute(name: string, parsed: ParsedTemplate): void {
    const staticParts = parsed.segments.map((s) =>
      s.kind === "static" ? encodeStatic(s.value) : "",
    );
    this.assertNameFree(name, parsed.template);
    this.#byName.set(name, { kind: "route", parsed, staticParts });
  }

  addMount(name: string, prefix: string): void {
    this.assertNameFree(name, prefix || "/");
    this.#byName.set(name, { kind: "mount", prefix });
  }

  /**
   * The path of a named route with its parameters filled and percent-encoded. For a named
   * mount, pass the path inside the mount as `path` (e.g. `{ path: "/css/site.css" }`).
   */
  urlFor(name: string, params: UrlParams = {}): string {
    const target = this.#byName.get(name);
    if (target === undefined) {
      throw new UrlForError("URL_FOR_UNKNOWN_NAME", `No route or mount is named "${name}"`);
    }
    if (target.kind === "mount") return mountUrl(name, target.prefix, params);
    const { parsed, staticParts } = target;
    for (const key of Object.keys(params)) {
      if (!parsed.params.includes(key)) {
        throw badParams(name, parsed.template, `it has no parameter "${key}"`);
      }
    }
    let url = "";
    for (let i = 0; i < parsed.segments.length; i++) {
      const segment = parsed.segments[i]!;
      if (segment.kind === "static") {
        url += `/${staticParts[i]}`;
        continue;
      }
      const value = paramValue(name, parsed.template, params, segment.name);
      if (segment.kind === "param") {
        if (value === "") throw badParams(name, parsed.template, `"${segment.name}" is empty`);
        url += `/${encodeParam(name, parsed.template, segment.name, value)}`;
      } else {
        // A catch-all keeps its slashes: encode each piece between them.
        url += `/${encodePath(name, parsed.template, segment.name, value)}`;
      }
    }
    return url;
  }
}

function mountUrl(name: string, prefix: string, params: UrlParams): string {
  for (const key of Object.keys(params)) {
    if (key !== "path")
      throw badParams(name, prefix || "/", `a mount only takes "path", not "${key}"`);
  }
  const rest = Object.hasOwn(params, "path") ? paramValue(name, prefix, params, "path") : "/";
  const withSlash = rest.startsWith("/") ? rest : `/${rest}`;
  return prefix + encodePath(name, prefix || "/", "path", withSlash);
}

function encodePath(name: string, template: string, key: string, value: string): string {
  return value
    .split("/")
    .map((piece) => encodeParam(name, template, key, piece))
    .join("/");
}

function encodeParam(name: string, template: string, key: string, value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // encodeURIComponent throws URIError on lone surrogates: say which parameter it was.
    throw badParams(name, template, `parameter "${key}" is not well-formed Unicode`);
  }
}

function paramValue(name: string, template: string, params: UrlParams, key: string): string {
  if (!Object.hasOwn(params, key)) throw badParams(name, template, `missing parameter "${key}"`);
  const value = params[key];
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw badParams(name, template, `parameter "${key}" must be a string or a finite number`);
}

function badParams(name: string, template: string, reason: string): UrlForError {
  return new UrlForError("URL_FOR_BAD_PARAMS", `urlFor("${name}") for ${template}: ${reason}`);
}

/** Literal template text is decoded text: encode what a path segment cannot carry as is. */
function encodeStatic(value: string): string {
  return encodeURI(value).replace(/[?#]/g, (c) => (c === "?" ? "%3F" : "%23"));
}
