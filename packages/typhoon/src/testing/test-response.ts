import type { Headers as HeaderPairs } from "@typhoon/server";
import { RequestHeaders } from "../http/headers";
import { parseSetCookies } from "./cookie-jar";

const decoder = new TextDecoder();
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Where a response came from: the request's URL and the redirects followed on the way. */
export interface TestResponseOrigin {
  /** The full URL of the request that got this response, e.g. `http://testserver/items?q=1`. */
  url?: string;
  /** The redirect responses followed before this one, oldest first (httpx's `history`). */
  history?: readonly TestResponse[];
}

/**
 * A response as a test sees it, read like httpx's (what FastAPI's TestClient returns), in
 * TypeScript's spelling: `status` (also `statusCode`), case-insensitive `headers`, `text`,
 * `json()`, `content` (bytes, also `body`), `isSuccess` (also `ok`), `url`, `history`, `cookies`.
 */
export class TestResponse {
  readonly status: number;
  readonly headers: RequestHeaders;
  readonly body: Uint8Array;
  readonly url: string;
  readonly history: readonly TestResponse[];

  constructor(
    status: number,
    headers: HeaderPairs,
    body: Uint8Array,
    origin: TestResponseOrigin = {},
  ) {
    this.status = status;
    this.headers = new RequestHeaders(headers);
    this.body = body;
    this.url = origin.url ?? "";
    this.history = origin.history ?? [];
  }

  /** httpx's `status_code`, for code ported from FastAPI's tests. */
  get statusCode(): number {
    return this.status;
  }

  /** The body as bytes (httpx's `content`). */
  get content(): Uint8Array {
    return this.body;
  }

  /** A 2xx status (httpx's `is_success`). */
  get isSuccess(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** Same as `isSuccess`, as fetch's Response spells it. */
  get ok(): boolean {
    return this.isSuccess;
  }

  /** A redirect status with a `Location` to follow (httpx's `is_redirect`). */
  get isRedirect(): boolean {
    return REDIRECT_STATUSES.has(this.status) && this.headers.has("location");
  }

  /**
   * The cookies this response set (not those it removed), by name, raw as sent: httpx's
   * `response.cookies`. The client's jar (`client.cookies`) holds every call's.
   */
  get cookies(): Record<string, string> {
    const cookies: Record<string, string> = {};
    for (const { name, value, expired } of parseSetCookies(this.headers.getAll("set-cookie"))) {
      if (expired) delete cookies[name];
      else cookies[name] = value;
    }
    return cookies;
  }

  get text(): string {
    return decoder.decode(this.body);
  }

  json<T = any>(): T {
    return JSON.parse(this.text) as T;
  }
}
