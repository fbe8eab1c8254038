import type { Headers as HeaderPairs, HTTPScope, Receive, Send } from "@typhoon/server";
import { type CookieOptions, serializeCookie } from "./cookies";

const empty = new Uint8Array(0);

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
      content == null ? empty : typeof content === "string" ? Buffer.from(content) : content;
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
   * Writes this response through the server interface. Streaming subclasses also get the
   * request's `receive` (to notice a disconnect) and its scope (conditional and range headers).
   */
  async send(send: Send, _method?: string, _receive?: Receive, _scope?: HTTPScope): Promise<void> {
    const headers = this.headers;
    const noBody =
      this.status === 204 || this.status === 304 || (this.status >= 100 && this.status < 200);
    if (!noBody) headers.push(["content-length", String(this.body.byteLength)]);
    await send({ type: "http.response.start", status: this.status, headers });
    await send({ type: "http.response.body", body: noBody ? empty : this.body });
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
