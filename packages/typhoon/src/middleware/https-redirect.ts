import type { Middleware, ServerApp } from "@typhoon/server";
import { RedirectResponse } from "../http/responses";
import { getHeader } from "./header-pairs";
import { hostName } from "./trusted-host";

/**
 * Sends plain-HTTP requests to HTTPS: 307 to the same URL with `https://` (default ports
 * dropped), so the method and body are kept. A `ws://` handshake is refused (403): browsers do
 * not follow redirects for WebSockets, and the client must connect with `wss://` itself.
 */
export function httpsRedirect(): Middleware {
  return (app: ServerApp): ServerApp =>
    (scope, receive, send) => {
      if (scope.type === "lifespan") return app(scope, receive, send);
      if (scope.scheme === "https" || scope.scheme === "wss") return app(scope, receive, send);
      if (scope.type === "websocket") return send({ type: "websocket.close", code: 1008 });
      const query = scope.query_string ? `?${scope.query_string}` : "";
      const url = `https://${secureNetloc(scope)}${scope.root_path}${scope.raw_path}${query}`;
      return new RedirectResponse(url, { status: 307 }).respond(scope, receive, send);
    };
}

/** The Host header (or the server address), with `:80` / `:443` dropped as Starlette does. */
function secureNetloc(scope: {
  headers: [string, string][];
  server: [string, number] | null;
}): string {
  const header = getHeader(scope.headers, "host")?.trim();
  const netloc = header ?? (scope.server ? `${scope.server[0]}:${scope.server[1]}` : "localhost");
  const port = portOf(netloc);
  return port === "80" || port === "443" ? hostName(netloc) : netloc;
}

function portOf(netloc: string): string | undefined {
  const end = netloc.lastIndexOf("]");
  const colon = netloc.lastIndexOf(":");
  return colon > end ? netloc.slice(colon + 1) : undefined;
}
