import type { FormData } from "../forms/form-data";
import { BackgroundTasks } from "../http/background";
import type { Request } from "../http/request";
import { Response } from "../http/responses";
import type { WebSocket } from "../websocket/websocket";

/** What input resolvers read during one request (or one WebSocket session). */
export class RequestContext {
  readonly request: Request;
  /** Set for WebSocket routes. */
  readonly websocket: WebSocket | undefined;
  /** Parsed body: undefined when absent; JSON value, or the raw text for non-JSON types. */
  body: unknown = undefined;
  /** The parsed form, for routes that read form fields or files; closed when the request ends. */
  form: FormData | undefined = undefined;
  #response: Response | undefined;
  #tasks: BackgroundTasks | undefined;

  constructor(request: Request, websocket?: WebSocket) {
    this.request = request;
    this.websocket = websocket;
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

  get backgroundTasks(): BackgroundTasks {
    this.#tasks ??= new BackgroundTasks();
    return this.#tasks;
  }

  /** The request's background tasks, if anything asked for them. */
  get backgroundTasksIfUsed(): BackgroundTasks | undefined {
    return this.#tasks;
  }

  /** The request failed: its tasks are dropped, never run. */
  discardBackgroundTasks(): void {
    this.#tasks = undefined;
  }
}
