import type {
  Headers as HeaderPairs,
  HTTPResponseStartMessage,
  Middleware,
  Send,
  ServerApp,
} from "@typhoon/server";
import { type CORSOptions, type CORSPolicy, planCORS } from "./cors-policy";
import { addVary, getHeader, setHeader } from "./header-pairs";

export type { AllowedOrigins, CORSOptions } from "./cors-policy";

const encoder = new TextEncoder();
const OK = encoder.encode("OK");
const TEXT = "text/plain; charset=utf-8";

/**
 * Cross-Origin Resource Sharing, with Starlette's rules. A preflight (`OPTIONS` with `Origin`
 * and `Access-Control-Request-Method`) is answered here, before routing, on any path: 200
 * `OK`, or 400 `Disallowed CORS origin, method, headers` (the failing checks). Any other
 * request with an `Origin` goes through, and its response gets the CORS headers; requests
 * without `Origin` are untouched.
 */
export function cors(options: CORSOptions = {}): Middleware {
  const policy = planCORS(options);
  return (app: ServerApp): ServerApp =>
    (scope, receive, send) => {
      if (scope.type !== "http") return app(scope, receive, send);
      const origin = getHeader(scope.headers, "origin");
      if (origin === undefined) return app(scope, receive, send);
      if (scope.method === "OPTIONS") {
        const requestedMethod = getHeader(scope.headers, "access-control-request-method");
        if (requestedMethod !== undefined) {
          return preflight(policy, origin, requestedMethod, scope.headers, send);
        }
      }
      const hasCookie = getHeader(scope.headers, "cookie") !== undefined;
      return app(scope, receive, (message) => {
        if (message.type !== "http.response.start") return send(message);
        return send(withCORSHeaders(policy, message, origin, hasCookie));
      });
    };
}

async function preflight(
  policy: CORSPolicy,
  origin: string,
  requestedMethod: string,
  requestHeaders: HeaderPairs,
  send: Send,
): Promise<void> {
  const headers = policy.preflightHeaders.slice();
  const failures: string[] = [];
  if (policy.isAllowedOrigin(origin)) {
    if (policy.preflightExplicitOrigin) headers.push(["access-control-allow-origin", origin]);
  } else {
    failures.push("origin");
  }
  if (!policy.allowedMethods.has(requestedMethod)) failures.push("method");
  const requested = getHeader(requestHeaders, "access-control-request-headers");
  if (requested !== undefined) {
    // With "*" every asked header is allowed, so the answer mirrors the question.
    if (policy.allowAllHeaders) headers.push(["access-control-allow-headers", requested]);
    else if (requested.split(",").some((h) => !policy.allowedHeaders.has(h.trim().toLowerCase())))
      failures.push("headers");
  }
  const body =
    failures.length === 0 ? OK : encoder.encode(`Disallowed CORS ${failures.join(", ")}`);
  headers.push(["content-type", TEXT], ["content-length", String(body.byteLength)]);
  await send({ type: "http.response.start", status: failures.length === 0 ? 200 : 400, headers });
  await send({ type: "http.response.body", body });
}

function withCORSHeaders(
  policy: CORSPolicy,
  message: HTTPResponseStartMessage,
  origin: string,
  hasCookie: boolean,
): HTTPResponseStartMessage {
  // A copy: the app may reuse its header list.
  const headers = message.headers ? message.headers.slice() : [];
  for (const [name, value] of policy.simpleHeaders) setHeader(headers, name, value);
  // With any-origin, a request carrying cookies needs the explicit origin instead of `*`.
  const explicit = policy.allowAllOrigins ? hasCookie : policy.isAllowedOrigin(origin);
  if (explicit) {
    setHeader(headers, "access-control-allow-origin", origin);
    addVary(headers, "Origin");
  }
  return { ...message, headers };
}
