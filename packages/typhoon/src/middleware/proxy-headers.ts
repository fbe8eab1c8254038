import type { Middleware, Scope } from "@typhoon/server";

export interface ProxyHeadersOptions {
  /**
   * Addresses of the proxies whose `X-Forwarded-*` headers are believed (uvicorn's
   * `forwarded_allow_ips`). `"*"` trusts every peer: only when nothing but the proxy can reach
   * the app. Default `["127.0.0.1", "::1"]`.
   */
  trustedHosts?: readonly string[] | "*";
}

/**
 * Behind a reverse proxy: takes the client address from `X-Forwarded-For`, the scheme from
 * `X-Forwarded-Proto` and the host from `X-Forwarded-Host`, but only when the request comes
 * from a trusted proxy — anyone else could send those headers. Like uvicorn's
 * ProxyHeadersMiddleware; redirects, `request.url` and `request.client` then see the real values.
 */
export function proxyHeaders(options: ProxyHeadersOptions = {}): Middleware {
  const trusted = options.trustedHosts ?? ["127.0.0.1", "::1"];
  const trustAll = trusted === "*";
  const trustedSet = new Set(trustAll ? [] : trusted);
  return (app) => (scope, receive, send) => {
    if (scope.type === "lifespan") return app(scope, receive, send);
    const peer = scope.client?.[0];
    if (!trustAll && (peer === undefined || !trustedSet.has(peer)))
      return app(scope, receive, send);
    return app(forwarded(scope, trustAll ? null : trustedSet), receive, send);
  };
}

function forwarded(
  scope: Exclude<Scope, { type: "lifespan" }>,
  trusted: Set<string> | null,
): Scope {
  let proto: string | undefined;
  let forwardedFor: string | undefined;
  let host: string | undefined;
  for (const [name, value] of scope.headers) {
    if (name === "x-forwarded-proto") proto = value;
    else if (name === "x-forwarded-for")
      forwardedFor = forwardedFor === undefined ? value : `${forwardedFor},${value}`;
    else if (name === "x-forwarded-host") host = value;
  }
  if (proto === undefined && forwardedFor === undefined && host === undefined) return scope;
  const next = { ...scope, headers: scope.headers } as typeof scope;
  if (proto !== undefined) {
    // The proxy's own scheme header may list hops; the client's is the first one.
    const first = proto.split(",")[0]!.trim().toLowerCase();
    if (first === "http" || first === "https") {
      next.scheme = scope.type === "websocket" ? (first === "https" ? "wss" : "ws") : first;
    }
  }
  if (forwardedFor !== undefined) {
    const client = clientFrom(forwardedFor, trusted);
    if (client !== undefined) next.client = [client, 0];
  }
  if (host !== undefined) {
    const value = host.split(",")[0]!.trim();
    // Only a plausible host[:port]: the value ends up in redirect Locations.
    if (/^[A-Za-z0-9.\-:[\]]+$/.test(value)) {
      next.headers = [...scope.headers.filter(([name]) => name !== "host"), ["host", value]];
    }
  }
  return next;
}

/** The nearest address that is not one of our trusted proxies, reading from the right. */
function clientFrom(list: string, trusted: Set<string> | null): string | undefined {
  const hops = list
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (trusted === null) return hops[0];
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i];
  return hops[0];
}
