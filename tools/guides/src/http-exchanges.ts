/**
 * The ```http blocks of a guide: requests followed by the responses they get, written the
 * way HTTP is shown on the wire.
 *
 *     # optional comment lines
 *     POST /items HTTP/1.1
 *     Content-Type: application/json
 *
 *     {"name": "Foo", "price": 42}
 *
 *     HTTP/1.1 201 Created
 *     content-type: application/json
 *
 *     {"name": "Foo", "price": 42}
 *
 * Exchanges follow one another; a new one starts at a request line after a blank line, or
 * after a `###` separator line.
 */

export interface HttpRequestSpec {
  readonly method: string;
  /** Path and query string, as on the request line. */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  /** The body text (without the trailing newline), or undefined when there is none. */
  readonly body: string | undefined;
}

export interface HttpResponseSpec {
  readonly status: number;
  readonly reason: string;
  /** Header names lower-cased; a name listed twice lists two values, in order. */
  readonly headers: readonly (readonly [string, string])[];
  /** The expected body: `""` for an empty one, `"..."` for "any body, not shown". */
  readonly body: string;
}

export interface HttpExchange {
  readonly request: HttpRequestSpec;
  readonly response: HttpResponseSpec;
  /** 1-based line of the request line within the block. */
  readonly line: number;
}

const METHODS = "GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT";
const REQUEST_LINE = new RegExp(`^(${METHODS}) (\\S+)(?: HTTP\\/1\\.[01])?$`);
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
const SEPARATOR = /^###/;

export class HttpBlockError extends Error {
  constructor(
    message: string,
    /** 1-based line within the block. */
    readonly line: number,
  ) {
    super(message);
  }
}

/** Strips leading and trailing blank lines and joins the rest. */
function text(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === "") start++;
  while (end > start && lines[end - 1]?.trim() === "") end--;
  return lines.slice(start, end).join("\n");
}

export function parseHttpBlock(code: string): HttpExchange[] {
  const lines = code.replace(/\n$/, "").split("\n");
  const exchanges: HttpExchange[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new HttpBlockError(message, i + 1);
  };
  const skipBlankAndComments = () => {
    while (i < lines.length) {
      const line = lines[i] ?? "";
      if (line.trim() === "" || line.startsWith("#")) i++;
      else break;
    }
  };
  const readHeaders = (): [string, string][] => {
    const headers: [string, string][] = [];
    for (; i < lines.length && (lines[i] ?? "").trim() !== ""; i++) {
      const header = HEADER_LINE.exec(lines[i] ?? "");
      if (header === null) fail(`expected a header line "Name: value", got ${lines[i]}`);
      else headers.push([header[1] as string, header[2] as string]);
    }
    return headers;
  };

  for (;;) {
    skipBlankAndComments();
    if (i >= lines.length) break;
    const requestLine = REQUEST_LINE.exec(lines[i] ?? "");
    if (requestLine === null) fail(`expected a request line "METHOD /path", got ${lines[i]}`);
    const line = i + 1;
    i++;
    const requestHeaders = readHeaders();
    const bodyLines: string[] = [];
    for (; i < lines.length && !STATUS_LINE.test(lines[i] ?? ""); i++) {
      if (SEPARATOR.test(lines[i] ?? "")) fail("a request without its response");
      bodyLines.push(lines[i] ?? "");
    }
    if (i >= lines.length) fail(`the request on line ${line} has no "HTTP/1.1 <status>" response`);
    const status = STATUS_LINE.exec(lines[i] ?? "") as RegExpExecArray;
    i++;
    const responseHeaders = readHeaders().map(
      ([name, value]) => [name.toLowerCase(), value] as [string, string],
    );
    const responseBody: string[] = [];
    for (; i < lines.length; i++) {
      const current = lines[i] ?? "";
      if (SEPARATOR.test(current)) break;
      const previousBlank = (lines[i - 1] ?? "").trim() === "";
      if (previousBlank && REQUEST_LINE.test(current)) break;
      responseBody.push(current);
    }
    const requestBody = text(bodyLines);
    exchanges.push({
      line,
      request: {
        method: (requestLine as RegExpExecArray)[1] as string,
        target: (requestLine as RegExpExecArray)[2] as string,
        headers: requestHeaders,
        body: requestBody === "" ? undefined : requestBody,
      },
      response: {
        status: Number(status[1]),
        reason: status[2] ?? "",
        headers: responseHeaders,
        body: text(responseBody),
      },
    });
    if (SEPARATOR.test(lines[i] ?? "")) i++;
  }
  if (exchanges.length === 0) throw new HttpBlockError("an http block without a request", 1);
  return exchanges;
}
