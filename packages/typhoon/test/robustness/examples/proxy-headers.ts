import type { Middleware } from "typhoon/middleware";

/**
 * Believe `X-Forwarded-For` / `X-Forwarded-Proto` only from your own reverse proxies: the
 * client address and scheme the app sees become the ones the proxy saw. Add it last
 * (outermost): `app.addMiddleware(proxyHeaders({ trusted: ["127.0.0.1"] }))`.
 */
export function proxyHeaders(options: { trusted: readonly string[] }): Middleware {
  const trusted = new Set(options.trusted);
  return (app) => (scope, receive, send) => {
    if (scope.type === "lifespan") return app(scope, receive, send);
    const peer = scope.client?.[0];
    if (peer === undefined || !trusted.has(peer)) return app(scope, receive, send);
    const header = (name: string) => scope.headers.find(([key]) => key === name)?.[1];
    // Each proxy appends the address it saw: only the last entry is vouched for by ours.
    const client = header("x-forwarded-for")?.split(",").at(-1)?.trim();
    const proto = header("x-forwarded-proto")?.split(",").at(-1)?.trim().toLowerCase();
    const secure = proto === undefined ? scope.scheme.endsWith("s") : proto === "https";
    const scheme = scope.type === "http" ? (secure ? "https" : "http") : secure ? "wss" : "ws";
    const forwarded = { scheme, client: client ? ([client, 0] as [string, number]) : scope.client };
    return app({ ...scope, ...forwarded }, receive, send);
  };
}
