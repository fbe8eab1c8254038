import { CleanupStack } from "@typhoon/di";
import type { Headers as HeaderPairs, HTTPScope, Receive, Send } from "@typhoon/server";
import type { Request } from "../http/request";
import type { Response } from "../http/responses";
import { EMPTY } from "../http/send-whole";
import { RequestContext } from "./context";
import type { Deadline } from "./deadlines";

/** Shared by requests without generator dependencies: nothing is ever pushed on it. */
export const NO_CLEANUP = new CleanupStack();

/**
 * One HTTP request on its way to an answer: what the inputs read (the RequestContext it
 * extends) plus how it ends. One object per request carries the whole state, so the route's
 * steps allocate nothing of their own while they stay synchronous.
 */
export class HttpExchange extends RequestContext {
  readonly scope: HTTPScope;
  readonly receive: Receive;
  readonly send: Send;
  /** Cleanups of generator dependencies; NO_CLEANUP when the route has none. */
  readonly stack: CleanupStack;
  /** Input errors collected while the dependency plan runs. */
  readonly errors: unknown[] = [];
  /** Started when the request first waits (a synchronous answer never needs one). */
  deadline: Deadline | null = null;
  /** What one step hands to the next: the plan's values, then the handler's result. */
  value: unknown = undefined;
  /** The answer: a Response, or else a plain value's JSON as status, headers and body. */
  reply: Response | null = null;
  status = 200;
  headers: HeaderPairs = [];
  json: Uint8Array = EMPTY;
  /** Set when the answer is an error's: background tasks do not run for it. */
  failed = false;

  constructor(request: Request, send: Send, stack: CleanupStack) {
    super(request);
    this.scope = request.scope as HTTPScope;
    this.receive = request.receive;
    this.send = send;
    this.stack = stack;
  }
}
