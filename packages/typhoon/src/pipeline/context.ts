import type { Request } from "../http/request";
import { Response } from "../http/responses";

/** What input resolvers read during one request. */
export class RequestContext {
  readonly request: Request;
  /** Parsed body: undefined when absent; JSON value, or the raw text for non-JSON types. */
  body: unknown = undefined;
  #response: Response | undefined;

  constructor(request: Request) {
    this.request = request;
  }

  /** The response object a handler may ask for to set status, headers and cookies. */
  get response(): Response {
    this.#response ??= new Response(null, { status: 0 });
    return this.#response;
  }

  /** The injected response, if anything asked for it. */
  get responseIfUsed(): Response | undefined {
    return this.#response;
  }
}
