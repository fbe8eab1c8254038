import type { HTTPScope, Middleware, Receive, Send, ServerApp } from "@typhoon/server";
import { PlainTextResponse, RedirectResponse } from "../http/responses";
import { getHeader } from "./header-pairs";

export interface TrustedHostOptions {
  /**
   * Host names this app answers for: exact (`"example.com"`), a subdomain wildcard
   * (`"*.example.com"`, which does not match `example.com` itself), or `"*"` for any.
   * Default `["*"]`. Compared without the port, case-insensitively.
   */
  allowedHosts?: readonly string[];
  /**
   * When `www.<host>` is allowed but `<host>` is not, redirect there (307) instead of
   * refusing. Default true.
   */
  wwwRedirect?: boolean;
}

const WILDCARD_RULE = "Domain wildcard patterns must be like '*.example.com'";

/**
 * Refuses requests whose `Host` header is not one of `allowedHosts` (Host-header attacks):
 * HTTP gets 400 `Invalid host header`, a WebSocket handshake is refused (403).
 */
export function trustedHost(options: TrustedHostOptions = {}): Middleware {
  const patterns = (options.allowedHosts ?? ["*"]).map((p) => p.toLowerCase());
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const pattern of patterns) {
    if (pattern === "*") continue;
    if (pattern.slice(1).includes("*") || (pattern.startsWith("*") && !pattern.startsWith("*."))) {
      throw new TypeError(`trustedHost(): ${WILDCARD_RULE}, got ${JSON.stringify(pattern)}`);
    }
    if (pattern.startsWith("*.")) suffixes.push(pattern.slice(1));
    else exact.add(pattern);
  }
  const allowAny = patterns.includes("*");
  const wwwRedirect = options.wwwRedirect ?? true;
  const isAllowed = (host: string) =>
    exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix));

  return (app: ServerApp): ServerApp =>
    (scope, receive, send) => {
      if (allowAny || scope.type === "lifespan") return app(scope, receive, send);
      const host = hostName(getHeader(scope.headers, "host") ?? "");
      if (isAllowed(host)) return app(scope, receive, send);
      if (scope.type === "websocket") return send({ type: "websocket.close", code: 1008 });
      if (wwwRedirect && exact.has(`www.${host}`)) return redirectToWww(scope, receive, send);
      return new PlainTextResponse("Invalid host header", { status: 400 }).respond(
        scope,
        receive,
        send,
      );
    };
}

/** `Example.com:8000` → `example.com`; `[::1]:8000` → `[::1]`. */
export function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

function redirectToWww(scope: HTTPScope, receive: Receive, send: Send): Promise<void> {
  const netloc = getHeader(scope.headers, "host") ?? "";
  const query = scope.query_string ? `?${scope.query_string}` : "";
  const url = `${scope.scheme}://www.${netloc.trim()}${scope.root_path}${scope.raw_path}${query}`;
  return new RedirectResponse(url).respond(scope, receive, send);
}
