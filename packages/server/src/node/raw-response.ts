import { STATUS_CODES } from "node:http";

/**
 * A complete HTTP/1.1 error response with a small JSON body `{"detail": ...}` and
 * `Connection: close`, for sockets that have no ServerResponse (client errors, the
 * connection limit).
 */
export function rawErrorResponse(status: number, detail = STATUS_CODES[status] ?? "Error"): string {
  const body = JSON.stringify({ detail });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
    "Connection: close\r\n" +
    "Content-Type: application/json\r\n" +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** Header pairs and body of the same JSON error, for answering through a ServerResponse. */
export function jsonError(status: number, detail = STATUS_CODES[status] ?? "Error") {
  const body = Buffer.from(JSON.stringify({ detail }));
  const headers: Array<[string, string]> = [
    ["content-type", "application/json"],
    ["content-length", String(body.length)],
  ];
  return { headers, body };
}

const INTERNAL_ERROR_BODY = Buffer.from("Internal Server Error");
/** The 500 a failing app gets when no response had started. */
export const INTERNAL_ERROR = Object.freeze({
  body: INTERNAL_ERROR_BODY,
  headers: [
    ["content-type", "text/plain; charset=utf-8"],
    ["content-length", String(INTERNAL_ERROR_BODY.length)],
  ] as Array<[string, string]>,
});
