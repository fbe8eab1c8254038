import {
  collectBody,
  HTTPException,
  type HTTPScope,
  parseCookies,
  type Receive,
  type WebSocketScope,
} from "@typhoon/server";
import { RequestHeaders } from "./headers";
import { QueryParams } from "./query";

/** Default cap on a body read into memory (JSON, forms): 1 MiB, like Fastify's bodyLimit. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The limit answered as 413, thrown by the server's reader itself: no wrapper frame or tick. */
function bodyTooLarge(): HTTPException {
  return new HTTPException(413, "Request body too large");
}

/**
 * The incoming request. Everything is parsed lazily on first access, so a route that never
 * looks at cookies or the query string pays nothing for them.
 */
export class Request {
  /** Phantom type so `params: { request: Request }` injects the request. */
  declare static readonly "~output"?: { readonly type: Request };

  readonly scope: HTTPScope | WebSocketScope;
  readonly receive: Receive;
  /** Path parameters as matched (strings, before validation). */
  pathParams: Record<string, string>;
  #headers: RequestHeaders | undefined;
  #query: QueryParams | undefined;
  #cookies: Record<string, string> | undefined;
  #body: Promise<Uint8Array> | undefined;
  bodyLimit = DEFAULT_BODY_LIMIT;

  constructor(
    scope: HTTPScope | WebSocketScope,
    receive: Receive,
    pathParams: Record<string, string> = {},
  ) {
    this.scope = scope;
    this.receive = receive;
    this.pathParams = pathParams;
  }

  get method(): string {
    return this.scope.type === "http" ? this.scope.method : "GET";
  }

  get path(): string {
    return this.scope.path;
  }

  get rootPath(): string {
    return this.scope.root_path;
  }

  get headers(): RequestHeaders {
    this.#headers ??= new RequestHeaders(this.scope.headers);
    return this.#headers;
  }

  get query(): QueryParams {
    this.#query ??= new QueryParams(this.scope.query_string);
    return this.#query;
  }

  get cookies(): Record<string, string> {
    this.#cookies ??= parseCookies(this.scope.headers);
    return this.#cookies;
  }

  get client(): { host: string; port: number } | null {
    const c = this.scope.client;
    return c ? { host: c[0], port: c[1] } : null;
  }

  /** Lifespan state plus anything middleware put on the scope. */
  get state(): Record<string, unknown> {
    return this.scope.state;
  }

  /** The full URL, built from the Host header (or the server address) and scheme. */
  get url(): URL {
    const host =
      this.headers.get("host") ??
      (this.scope.server ? `${this.scope.server[0]}:${this.scope.server[1]}` : "localhost");
    const query = this.scope.query_string ? `?${this.scope.query_string}` : "";
    return new URL(
      `${this.scope.scheme}://${host}${this.scope.root_path}${this.scope.raw_path}${query}`,
    );
  }

  /** The whole body, read once and cached; over `bodyLimit` it fails with 413. */
  body(): Promise<Uint8Array> {
    this.#body ??= collectBody(this.receive, { maxSize: this.bodyLimit, onTooLarge: bodyTooLarge });
    return this.#body;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.body());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}
