// The bytes the transport variants answer with: the same status line, headers and 25-byte
// JSON body node:http's raw server sends for GET /hello (Content-Type, Content-Length, Date,
// Connection), prebuilt so the variants measure reading and writing, not formatting.

const HELLO_BODY = JSON.stringify({ message: "Hello World" });
const NOT_FOUND_BODY = JSON.stringify({ detail: "Not Found" });

/** The answers a transport variant picks from per request. */
export interface CannedResponses {
  hello: Buffer;
  notFound: Buffer;
  /** The same two with `Connection: close`, for clients that asked to close (HTTP/1.0). */
  helloThenClose: Buffer;
  notFoundThenClose: Buffer;
}

function build(status: string, body: string, date: string, connection: string): Buffer {
  return Buffer.from(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nDate: ${date}\r\nConnection: ${connection}\r\n\r\n${body}`,
    "latin1",
  );
}

let current: CannedResponses | null = null;

function expire(): void {
  current = null;
}

/**
 * The responses for this second. Like node:http's own Date cache: rebuilt on first use after
 * the second changes (an unref'd timer drops them), so a request pays one null check.
 */
export function cannedResponses(): CannedResponses {
  if (current !== null) return current;
  const now = new Date();
  const date = now.toUTCString();
  current = {
    hello: build("200 OK", HELLO_BODY, date, "keep-alive"),
    notFound: build("404 Not Found", NOT_FOUND_BODY, date, "keep-alive"),
    helloThenClose: build("200 OK", HELLO_BODY, date, "close"),
    notFoundThenClose: build("404 Not Found", NOT_FOUND_BODY, date, "close"),
  };
  setTimeout(expire, 1000 - now.getMilliseconds()).unref();
  return current;
}

const closing = (status: string) =>
  Buffer.from(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, "latin1");

/** Refusals after which the variant closes the connection (no body: the reason is the status). */
export const REFUSALS = {
  badRequest: closing("400 Bad Request"),
  headersTooLarge: closing("431 Request Header Fields Too Large"),
  notImplemented: closing("501 Not Implemented"),
  versionNotSupported: closing("505 HTTP Version Not Supported"),
} as const;
