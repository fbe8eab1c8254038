import {
  type Headers as HeaderPairs,
  type Receive,
  type Scope,
  type Send,
  statusHasNoBody,
} from "@typhoon/server";
import { type CookieOptions, serializeCookie } from "./cookies";
import { EMPTY, sendWhole } from "./send-whole";

export interface ResponseInit {
  status?: number;
  headers?: Record<string, string> | HeaderPairs;
  mediaType?: string;
}

/**
 * A complete HTTP response. Return one from a handler to take full control (the route's
 * response schema is then not applied), or subclass it for other body kinds.
 */
export class Response {
  status: number;
  readonly headers: HeaderPairs;
  body: Uint8Array;

  constructor(content?: string | Uint8Array | null, init: ResponseInit = {}) {
    this.status = init.status ?? 200;
    this.headers = toPairs(init.headers);
    // Buffer.from copies small strings into Node's shared pool: no ArrayBuffer per response.
    this.body =
      content == null ? EMPTY : typeof content === "string" ? Buffer.from(content) : content;
    const mediaType = init.mediaType ?? (this.constructor as typeof Response).mediaType;
    if (mediaType !== undefined && !this.hasHeader("content-type")) {
      this.headers.push(["content-type", withCharset(mediaType)]);
    }
  }

  /** Phantom type so `params: { response: Response }` injects the response to set headers on. */
  declare static readonly "~output"?: { readonly type: Response };

  /** Default media type of this response class (subclasses set it). */
  static mediaType: string | undefined = undefined;

  hasHeader(name: string): boolean {
    const key = name.toLowerCase();
    const headers = this.headers;
    for (let i = 0; i < headers.length; i++) if (headers[i]![0] === key) return true;
    return false;
  }

  /** Replaces every value of `name` with `value`. */
  setHeader(name: string, value: string): this {
    const key = name.toLowerCase();
    removeHeader(this.headers, key);
    this.headers.push([key, value]);
    return this;
  }

  appendHeader(name: string, value: string): this {
    this.headers.push([name.toLowerCase(), value]);
    return this;
  }

  setCookie(name: string, value: string, options?: CookieOptions): this {
    this.headers.push(["set-cookie", serializeCookie(name, value, options)]);
    return this;
  }

  deleteCookie(
    name: string,
    options: Pick<CookieOptions, "path" | "domain" | "secure" | "httpOnly" | "sameSite"> = {},
  ): this {
    return this.setCookie(name, "", { ...options, maxAge: 0, expires: 0 });
  }

  /**
   * Sends this response: a response is itself an app, as in Starlette. The header list is
   * computed per call and never written back, so one Response can answer many requests.
   * Streaming subclasses override it: `receive` tells them of a disconnect, `scope` gives
   * the method and the request headers (conditional and range requests).
   */
  respond(_scope: Scope, _receive: Receive, send: Send): Promise<void> {
    const status = this.status;
    if (statusHasNoBody(status)) return sendWhole(send, status, this.headers, EMPTY);
    const body = this.body;
    // Copied pair by pair: slice() of a frozen array (a shared Response's) takes V8's slow path.
    const own = this.headers;
    const headers: HeaderPairs = [];
    for (let i = 0; i < own.length; i++) headers.push(own[i]!);
    headers.push(["content-length", String(body.byteLength)]);
    return sendWhole(send, status, headers, body);
  }
}

export class JSONResponse extends Response {
  static override mediaType = "application/json";

  constructor(content: unknown, init: ResponseInit = {}) {
    super(JSON.stringify(content) ?? "null", init);
  }
}

export class HTMLResponse extends Response {
  static override mediaType = "text/html";
}

export class PlainTextResponse extends Response {
  static override mediaType = "text/plain";
}

/**
 * The bare 500 of an unhandled error: never the error's message (internals stay in the log).
 * One shared instance, its headers frozen so that nothing can edit it for everyone.
 */
export const INTERNAL_SERVER_ERROR = new PlainTextResponse("Internal Server Error", {
  status: 500,
});
Object.freeze(INTERNAL_SERVER_ERROR.headers);

/** 307 by default, so the method and body are kept (Starlette's default). */
export class RedirectResponse extends Response {
  constructor(url: string, init: ResponseInit = {}) {
    super(null, { status: 307, ...init });
    this.setHeader("location", encodeLocation(url));
  }
}

function withCharset(mediaType: string): string {
  return mediaType.startsWith("text/") && !mediaType.includes("charset")
    ? `${mediaType}; charset=utf-8`
    : mediaType;
}

function toPairs(headers: ResponseInit["headers"]): HeaderPairs {
  if (headers === undefined) return [];
  if (Array.isArray(headers)) return headers.map(([k, v]) => [k.toLowerCase(), v]);
  return Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]);
}

function removeHeader(headers: HeaderPairs, key: string): void {
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]![0] === key) headers.splice(i, 1);
}

// Keeps reserved URL characters and existing escapes, encodes the rest (spaces, non-ASCII,
// CR/LF): a Location built from user input can never split the header.
function encodeLocation(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (c) => encodeURIComponent(c));
}
