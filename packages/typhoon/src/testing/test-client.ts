import {
  type Headers as HeaderPairs,
  type HttpRequestOptions,
  httpRequest,
  type InProcessHost,
  type InProcessWebSocket,
  type QueryValue,
  type ServerApp,
  startInProcessHost,
  type WebSocketConnectOptions,
  websocketConnect,
} from "@typhoon/server";
import {
  encodeMultipart,
  type MultipartFile,
  type MultipartValue,
} from "../forms/encode-multipart";
import { type AppLike, toServerApp } from "../serve";
import { CookieJar } from "./cookie-jar";
import { type Hop, nextHop, requestUrl } from "./hops";
import { DEFAULT_MAX_REDIRECTS, redirectTarget, TooManyRedirects } from "./redirects";
import { TestResponse } from "./test-response";

export interface TestClientOptions {
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** `scope.root_path` of every request, as behind a proxy. */
  rootPath?: string;
  /** Value of the Host header (default `testserver`). */
  host?: string;
  /**
   * Follow redirects (301, 302, 303, 307, 308) as httpx does, each call's response carrying
   * the redirects in `history`. Default true, as FastAPI's TestClient; a call may override it.
   */
  followRedirects?: boolean;
  /** Redirects followed in a row before `TooManyRedirects` is thrown. Default 20, as httpx. */
  maxRedirects?: number;
  /**
   * An error the app did not handle rejects the call with that very error, as FastAPI's
   * `raise_server_exceptions=True`; false answers the 500 the app sends instead. Default true.
   * HTTPExceptions and errors an exception handler answers are responses, never raised.
   */
  raiseServerExceptions?: boolean;
}

export interface WebSocketOptions {
  query?: Record<string, QueryValue | QueryValue[]> | URLSearchParams | string;
  headers?: Record<string, string | string[]>;
  cookies?: Record<string, string>;
  /** Offered in `Sec-WebSocket-Protocol`, in this order. */
  subprotocols?: string[];
}

export interface RequestOptions {
  query?: Record<string, QueryValue | QueryValue[]> | URLSearchParams | string;
  headers?: Record<string, string | string[]>;
  /** Cookies for this call only, on top of the client's jar. */
  cookies?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded` (arrays repeat the key). */
  data?: Record<string, QueryValue | QueryValue[]>;
  /**
   * Files, sent as `multipart/form-data` together with `data` (FastAPI's TestClient `files`):
   * `{ upload: { content: "hi", filename: "a.txt", contentType: "text/plain" } }`.
   */
  files?: Record<string, MultipartFile | MultipartFile[]>;
  /** A raw body (set the content type yourself). */
  content?: string | Uint8Array;
  /** Follow redirects on this call; default the client's `followRedirects`. */
  followRedirects?: boolean;
}

/**
 * Calls an app in process, without a socket, like FastAPI's TestClient: cookies persist across
 * calls, and `await using client = await TestClient.start(app)` runs the lifespan around a test.
 */
export class TestClient {
  readonly cookies = new CookieJar();
  readonly #app: ServerApp;
  readonly #options: TestClientOptions;
  #host: InProcessHost | null = null;

  constructor(app: AppLike, options: TestClientOptions = {}) {
    this.#app = toServerApp(app);
    this.#options = options;
  }

  /** A client whose app has run its lifespan startup; `close()` (or `await using`) shuts it down. */
  static async start(app: AppLike, options: TestClientOptions = {}): Promise<TestClient> {
    const client = new TestClient(app, options);
    client.#host = await startInProcessHost(client.#app, { lifespan: "auto" });
    return client;
  }

  /** Lifespan state, once started. */
  get state(): Record<string, unknown> | undefined {
    return this.#host?.state;
  }

  async close(): Promise<void> {
    await this.#host?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * Opens a WebSocket session to the app (FastAPI's `websocket_connect`), with the client's
   * headers and cookies: `await using ws = await client.websocketConnect("/ws")`. Rejects with
   * `WebSocketRejected` when the app refuses the handshake.
   */
  websocketConnect(path: string, options: WebSocketOptions = {}): Promise<InProcessWebSocket> {
    const call: WebSocketConnectOptions = { path, headers: this.#headers(options) };
    if (options.query !== undefined) call.query = options.query;
    if (options.subprotocols !== undefined) call.subprotocols = options.subprotocols;
    if (this.#options.rootPath !== undefined) call.rootPath = this.#options.rootPath;
    return this.#host ? this.#host.websocket(call) : websocketConnect(this.#app, call);
  }

  /** The client's headers, then the call's (a call's header replaces the client's), then cookies. */
  #headers(
    options: {
      headers?: Record<string, string | string[]>;
      cookies?: Record<string, string>;
    },
    host = this.#options.host ?? "testserver",
  ): HeaderPairs {
    const merged: Record<string, string | string[]> = { host };
    for (const [name, value] of Object.entries({ ...this.#options.headers, ...options.headers }))
      merged[name.toLowerCase()] = value;
    const headers: HeaderPairs = [];
    for (const [name, value] of Object.entries(merged)) {
      if (Array.isArray(value)) for (const item of value) headers.push([name, item]);
      else headers.push([name, value]);
    }
    const cookie = this.cookies.header(options.cookies);
    if (cookie !== undefined) headers.push(["cookie", cookie]);
    return headers;
  }

  get = (path: string, options?: RequestOptions) => this.request("GET", path, options);
  post = (path: string, options?: RequestOptions) => this.request("POST", path, options);
  put = (path: string, options?: RequestOptions) => this.request("PUT", path, options);
  patch = (path: string, options?: RequestOptions) => this.request("PATCH", path, options);
  delete = (path: string, options?: RequestOptions) => this.request("DELETE", path, options);
  head = (path: string, options?: RequestOptions) => this.request("HEAD", path, options);
  options = (path: string, options?: RequestOptions) => this.request("OPTIONS", path, options);

  /**
   * Sends a request, following redirects unless told not to (see `followRedirects`); rejects
   * with the app's unhandled error unless `raiseServerExceptions` is false.
   */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const follow = options.followRedirects ?? this.#options.followRedirects ?? true;
    const maxRedirects = this.#options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const host = this.#options.host ?? "testserver";
    let hop: Hop = { method, target: path, scheme: "http", host, options };
    const history: TestResponse[] = [];
    for (;;) {
      const response = await this.#send(hop, history);
      if (!follow || !response.isRedirect) return response;
      const url = redirectTarget(response);
      if (url === null) return response;
      history.push(response);
      if (history.length > maxRedirects) throw new TooManyRedirects(maxRedirects, history);
      hop = nextHop(hop, response.status, url);
    }
  }

  async #send(hop: Hop, history: readonly TestResponse[]): Promise<TestResponse> {
    const { options } = hop;
    const headers = this.#headers(options, hop.host);
    const body = encodeBody(options, headers);
    const call: HttpRequestOptions = {
      method: hop.method,
      path: hop.target,
      headers,
      raiseAppErrors: this.#options.raiseServerExceptions ?? true,
    };
    if (hop.scheme === "https") call.scheme = "https";
    if (options.query !== undefined) call.query = options.query;
    if (body !== undefined) call.body = body;
    if (this.#options.rootPath !== undefined) call.rootPath = this.#options.rootPath;
    const response = this.#host
      ? await this.#host.request(call)
      : await httpRequest(this.#app, call);
    this.cookies.update(
      response.headers.filter(([name]) => name === "set-cookie").map(([, value]) => value),
    );
    return new TestResponse(response.status, response.headers, response.body, {
      url: requestUrl(hop),
      history: [...history],
    });
  }
}

function encodeBody(
  options: RequestOptions,
  headers: HeaderPairs,
): string | Uint8Array | undefined {
  const hasType = headers.some(([name]) => name === "content-type");
  if (options.json !== undefined) {
    if (!hasType) headers.push(["content-type", "application/json"]);
    return JSON.stringify(options.json);
  }
  if (options.files !== undefined) {
    const entries: Record<string, MultipartValue | MultipartValue[]> = {
      ...options.data,
      ...options.files,
    };
    const encoded = encodeMultipart(entries);
    if (!hasType) headers.push(["content-type", encoded.contentType]);
    return encoded.body;
  }
  if (options.data !== undefined) {
    if (!hasType) headers.push(["content-type", "application/x-www-form-urlencoded"]);
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(options.data)) {
      if (Array.isArray(value)) for (const item of value) form.append(key, String(item));
      else form.append(key, String(value));
    }
    return form.toString();
  }
  return options.content;
}
