import type { Headers as HeaderPairs, Logger } from "@typhoon/server";
import { Response } from "../http/responses";
import { sendWhole } from "../http/send-whole";
import type { Deadlines } from "./deadlines";
import type { ExceptionHandlers } from "./exception-handlers";
import { type HttpExchange, NO_CLEANUP } from "./exchange";

/** What the end of a request needs from its app. */
export interface AnswerHost {
  readonly exceptionHandlers: ExceptionHandlers;
  /** The app's response deadline when the routes enforce it; null when off or enforced outside. */
  readonly deadlines: Deadlines | null;
  readonly logger: Logger;
}

// How every HTTP request the app answers itself ends (its routes, 405s, redirects and
// errors): an error is rendered through the exception handlers, the response deadline is
// passed at its one gate, the response is sent, then background tasks run and the form and
// cleanup stacks close, in FastAPI's order. Synchronous until something returns a promise.

const DONE = Promise.resolve();

/** The request is about to wait on a promise: its response deadline starts now. */
export function waiting(host: AnswerHost, x: HttpExchange): void {
  if (x.deadline === null && host.deadlines !== null) x.deadline = host.deadlines.watch(x.send);
}

/** Sends `reply`, then ends the request. */
export function answer(host: AnswerHost, x: HttpExchange, reply: Response): Promise<void> {
  let sent = DONE;
  if (inTime(x)) {
    const { scope, receive } = x.request;
    try {
      sent = reply.respond(scope, receive, x.send);
    } catch (error) {
      sent = Promise.reject(error);
    }
  }
  return end(host, x, sent);
}

/** Sends a plain value's JSON (no Response object is built for it), then ends the request. */
export function answerJson(
  host: AnswerHost,
  x: HttpExchange,
  status: number,
  headers: HeaderPairs,
  body: Uint8Array,
): Promise<void> {
  return end(host, x, inTime(x) ? sendWhole(x.send, status, headers, body) : DONE);
}

/** Renders `error` through the app's exception handlers and answers with it. */
export function answerError(host: AnswerHost, x: HttpExchange, error: unknown): Promise<void> {
  // An error's answer runs no background tasks: they belong to the response that failed.
  x.discardBackgroundTasks();
  if (x.stack === NO_CLEANUP || x.stack.closed) return render(host, x, error);
  // Dependencies with cleanup see the error before it becomes a response (FastAPI's order).
  waiting(host, x);
  // A generator may answer with another error (an HTTPException raised in its `catch`).
  return x.stack.close(error).then(() => render(host, x, x.stack.replacement ?? error));
}

function render(host: AnswerHost, x: HttpExchange, error: unknown): Promise<void> {
  const rendered = host.exceptionHandlers.renderNow(x.request, error);
  if (rendered instanceof Response) return answer(host, x, rendered);
  // A custom handler may take time, or never settle.
  waiting(host, x);
  return rendered.then((response) => answer(host, x, response));
}

/**
 * The one deadline gate, just before the response starts: past the deadline the client has
 * its 504, and nothing is sent (tasks and cleanups still run).
 */
function inTime(x: HttpExchange): boolean {
  return x.deadline === null || x.deadline.start();
}

function end(host: AnswerHost, x: HttpExchange, sent: Promise<void>): Promise<void> {
  if (x.stack === NO_CLEANUP && x.form === undefined && x.backgroundTasksIfUsed === undefined) {
    return sent;
  }
  return finish(host, x, sent);
}

async function finish(host: AnswerHost, x: HttpExchange, sent: Promise<void>): Promise<void> {
  let failure: unknown;
  try {
    await sent;
    const tasks = x.backgroundTasksIfUsed;
    if (tasks !== undefined) await tasks.run(host.logger);
  } catch (error) {
    failure = error; // a stream broke after the response started: the server cuts it
    throw error;
  } finally {
    x.deadline?.stop();
    // Temporary upload files never outlive the request; then dependency cleanup, last in first out.
    if (x.form !== undefined) await x.form.close();
    if (x.stack !== NO_CLEANUP) await x.stack.close(failure);
  }
}
