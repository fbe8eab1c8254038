import { CleanupStack } from "@typhoon/di";
import type { Send } from "@typhoon/server";
import type { Request } from "../http/request";
import { RequestContext } from "./context";
import type { Deadline } from "./deadlines";

/** Shared by requests without generator dependencies: nothing is ever pushed on it. */
export const NO_CLEANUP = new CleanupStack();

/**
 * One HTTP request on its way to an answer: what the inputs read (the RequestContext it
 * extends) plus how it ends. One small object per request carries the route's state, so its
 * steps allocate nothing of their own while they stay synchronous.
 */
export class HttpExchange extends RequestContext {
  readonly send: Send;
  /** Cleanups of generator dependencies; NO_CLEANUP when the route has none. */
  readonly stack: CleanupStack;
  /** Input errors collected while the dependency plan runs. */
  readonly errors: unknown[] = [];
  /** Started when the request first waits (a synchronous answer never needs one). */
  deadline: Deadline | null = null;
  /** What one step hands to the next: the plan's values, then the handler's result. */
  value: unknown = undefined;

  constructor(request: Request, send: Send, stack: CleanupStack) {
    super(request);
    this.send = send;
    this.stack = stack;
  }
}
