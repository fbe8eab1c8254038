/**
 * HTTP/1.1 responses parsed by hand from the bytes a raw connection received, so a case can
 * assert the status, the headers and the body of exactly what the server wrote.
 */

export interface RawResponse {
  status: number;
  /** Lower-case names, in arrival order. */
  headers: Array<[string, string]>;
  body: Buffer;
}

export function header(response: RawResponse, name: string): string | undefined {
  return response.headers.find(([key]) => key === name)?.[1];
}

/** The body as JSON (throws if it is not). */
export function jsonBody(response: RawResponse): unknown {
  return JSON.parse(response.body.toString("utf8"));
}

/** The status code of the first response in raw text (0 if there is none). */
export function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
}

/**
 * Parses every complete response at the start of `data` (Content-Length or chunked framing,
 * or up to the end for a response that closes). `ended` says the connection is closed, so a
 * body without framing runs to the end of the data.
 */
export function parseResponses(data: Buffer, ended: boolean): RawResponse[] {
  const out: RawResponse[] = [];
  let offset = 0;
  for (let guard = 0; guard < 1000 && offset < data.length; guard++) {
    const headEnd = data.indexOf("\r\n\r\n", offset, "latin1");
    if (headEnd === -1) break;
    const lines = data.subarray(offset, headEnd).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1] ?? Number.NaN);
    const headers: Array<[string, string]> = [];
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
    }
    let cursor = headEnd + 4;
    const length = headers.find(([name]) => name === "content-length")?.[1];
    const chunked = headers.some(([n, v]) => n === "transfer-encoding" && /chunked/i.test(v));
    let body: Buffer;
    if (status < 200 || status === 204 || status === 304) {
      body = Buffer.alloc(0);
    } else if (length !== undefined) {
      const end = cursor + Number(length);
      if (end > data.length) break;
      body = data.subarray(cursor, end);
      cursor = end;
    } else if (chunked) {
      const decoded = decodeChunked(data, cursor);
      if (decoded === null) break;
      body = decoded.body;
      cursor = decoded.end;
    } else {
      if (!ended) break;
      body = data.subarray(cursor);
      cursor = data.length;
    }
    out.push({ status, headers, body });
    offset = cursor;
  }
  return out;
}

function decodeChunked(data: Buffer, start: number): { body: Buffer; end: number } | null {
  const parts: Buffer[] = [];
  let cursor = start;
  for (let guard = 0; guard < 100_000; guard++) {
    const lineEnd = data.indexOf("\r\n", cursor, "latin1");
    if (lineEnd === -1) return null;
    const size = Number.parseInt(data.subarray(cursor, lineEnd).toString("latin1"), 16);
    cursor = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = data.indexOf("\r\n", cursor, "latin1");
      return trailerEnd === -1 ? null : { body: Buffer.concat(parts), end: trailerEnd + 2 };
    }
    if (cursor + size + 2 > data.length) return null;
    parts.push(data.subarray(cursor, cursor + size));
    cursor += size + 2;
  }
  return null;
}
