/**
 * How an app that answers its own unhandled errors with a 500 (as Starlette's
 * ServerErrorMiddleware does) can still let a test see them: the in-process host offers this
 * scope extension when its caller wants app errors raised, and the app reports the error to
 * it. Other hosts never offer it, so there the report is a no-op.
 */
import type { Scope } from "../types";

/** Key of the scope extension: a function taking the error the app answered with a 500. */
export const SERVER_ERROR_EXTENSION = "typhoon.server_error";

export type ServerErrorReport = (error: unknown) => void;

/** Tells the host of an error the app answered with a 500 itself, if the host asked to know. */
export function reportServerError(scope: Scope, error: unknown): void {
  const report = "extensions" in scope ? scope.extensions[SERVER_ERROR_EXTENSION] : undefined;
  if (typeof report === "function") (report as ServerErrorReport)(error);
}
