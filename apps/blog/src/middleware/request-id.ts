import { randomUUID } from "node:crypto";
import type { Middleware } from "typhoon/middleware";

// An id from the client (or a proxy) is kept when it is short and plain; anything else is
// replaced, so logs never carry arbitrary client text.
const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every HTTP request an id: the incoming `X-Request-Id` when valid, else a new UUID. The
 * app below sees it as the `x-request-id` request header, and the response carries it back.
 */
export function requestId(): Middleware {
  return (app) => (scope, receive, send) => {
    if (scope.type !== "http") return app(scope, receive, send);
    let id: string | undefined;
    let headers = scope.headers;
    for (const [name, value] of headers) {
      if (name === "x-request-id") {
        id = value;
        break;
      }
    }
    if (id === undefined || !VALID_ID.test(id)) {
      id = randomUUID();
      headers = [...headers.filter(([name]) => name !== "x-request-id"), ["x-request-id", id]];
    }
    const header: [string, string] = ["x-request-id", id];
    return app({ ...scope, headers }, receive, (message) => {
      if (message.type !== "http.response.start") return send(message);
      const out = (message.headers ?? []).filter(([name]) => name !== "x-request-id");
      out.push(header);
      return send({ ...message, headers: out });
    });
  };
}
