import type { Headers as HeaderPairs } from "@typhoon/server";
import { RequestHeaders } from "../http/headers";

const decoder = new TextDecoder();

/** A response as a test sees it: status, case-insensitive headers, body as bytes/text/JSON. */
export class TestResponse {
  readonly status: number;
  readonly headers: RequestHeaders;
  readonly body: Uint8Array;

  constructor(status: number, headers: HeaderPairs, body: Uint8Array) {
    this.status = status;
    this.headers = new RequestHeaders(headers);
    this.body = body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get text(): string {
    return decoder.decode(this.body);
  }

  json<T = any>(): T {
    return JSON.parse(this.text) as T;
  }
}
