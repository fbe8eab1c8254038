import type { Middleware } from "typhoon/middleware";

// An ASGI-level middleware: a function from app to app, editing messages as they pass.
export const serverHeader: Middleware = (app) => (scope, receive, send) => {
  if (scope.type !== "http") return app(scope, receive, send);
  return app(scope, receive, (message) =>
    message.type === "http.response.start"
      ? send({ ...message, headers: [...(message.headers ?? []), ["server", "typhoon"]] })
      : send(message),
  );
};
