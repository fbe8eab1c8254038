// Node's own HTTP/1 parser (llhttp behind the HTTPParser class), the one node:http drives,
// reached without node:http's IncomingMessage/ServerResponse. Internal API with no
// stability promise: process.binding("http_parser") hands out the same class but prints a
// runtime DeprecationWarning (DEP0111) on Node 20, while node:_http_common re-exports it
// silently (documentation-only deprecated since Node 24 as DEP0199). Measurement use only.
import { createRequire } from "node:module";

/** The slice of the native parser the transport variant uses (see Node's _http_common.js). */
export interface NativeHttpParser {
  /** type, async resource, max header bytes (0: Node's default, 16 KiB), lenient flags. */
  initialize(type: number, resource: object, maxHeaderSize: number, lenientFlags: number): void;
  /** Bytes parsed, or the parse error (returned, not thrown). */
  execute(data: Buffer): number | ParseError;
  /** End of input: an error when a request was cut off. */
  finish(): number | ParseError | undefined;
  /** Reads straight from a stream handle in C++ (node:http's read path): no 'data' events. */
  consume(handle: object): void;
  unconsume(): void;
  /** Frees the native parser; never from inside one of its callbacks. */
  close(): void;
  [callbackSlot: number]: unknown;
}

export interface ParseError extends Error {
  code?: string;
}

interface NativeHttpParserClass {
  new (): NativeHttpParser;
  REQUEST: number;
  kOnHeaders: number;
  kOnHeadersComplete: number;
  kOnBody: number;
  kOnMessageComplete: number;
  kOnExecute: number;
}

/** kOnHeadersComplete's arguments for a request (status code and message are undefined). */
export type HeadersComplete = (
  versionMajor: number,
  versionMinor: number,
  headers: string[] | undefined,
  method: number,
  url: string | undefined,
  statusCode: undefined,
  statusMessage: undefined,
  upgrade: boolean,
  shouldKeepAlive: boolean,
) => number;

function loadParserClass(): NativeHttpParserClass {
  const common = createRequire(import.meta.url)("_http_common") as {
    HTTPParser?: NativeHttpParserClass;
  };
  if (typeof common.HTTPParser !== "function") {
    throw new Error(`node:_http_common exports no HTTPParser on Node ${process.version}`);
  }
  return common.HTTPParser;
}

export const HTTPParser = loadParserClass();

/** The parser's callback slots, read once. */
export const SLOTS = {
  onHeaders: HTTPParser.kOnHeaders | 0,
  onHeadersComplete: HTTPParser.kOnHeadersComplete | 0,
  onBody: HTTPParser.kOnBody | 0,
  onMessageComplete: HTTPParser.kOnMessageComplete | 0,
  onExecute: HTTPParser.kOnExecute | 0,
} as const;

/** A request parser with strict (non-lenient) parsing and Node's default header limit. */
export function newRequestParser(): NativeHttpParser {
  const parser = new HTTPParser();
  parser.initialize(HTTPParser.REQUEST, {}, 0, 0);
  return parser;
}

/**
 * llhttp's number for GET, read by parsing one request: the method arrives as an index into
 * the binding's method table, which _http_common does not export.
 */
function methodNumber(method: string): number {
  const parser = newRequestParser();
  let found = -1;
  const onHeadersComplete: HeadersComplete = (_major, _minor, _headers, code) => {
    found = code;
    return 0;
  };
  parser[SLOTS.onHeadersComplete] = onHeadersComplete;
  const result = parser.execute(Buffer.from(`${method} / HTTP/1.1\r\n\r\n`, "latin1"));
  parser.close();
  if (result instanceof Error || found < 0) throw new Error(`llhttp did not parse a ${method}`);
  return found;
}

export const GET_METHOD = methodNumber("GET");
