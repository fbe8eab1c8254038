import { httpMiddleware, type Middleware } from "typhoon/middleware";

export interface TimingOptions {
  /** Receives one line per request; omit it to only add the header. */
  log?: (line: string) => void;
}

/**
 * FastAPI's process-time middleware: `Server-Timing: app;dur=<ms>` on every response (time to
 * the response start), and a log line with the method, path, status, time and request id.
 */
export function timing(options: TimingOptions = {}): Middleware {
  const log = options.log;
  return httpMiddleware(async (request, callNext) => {
    const started = performance.now();
    const response = await callNext(request);
    const ms = performance.now() - started;
    response.setHeader("server-timing", `app;dur=${ms.toFixed(1)}`);
    if (log !== undefined) {
      const id = request.headers.get("x-request-id") ?? "-";
      log(`${request.method} ${request.path} ${response.status} ${ms.toFixed(1)}ms id=${id}`);
    }
    return response;
  });
}
