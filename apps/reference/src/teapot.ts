import { JSONResponse } from "typhoon/responses";

/**
 * The app's own error (apps/reference/SPEC.md §2.7), rendered by its exception handler as a
 * 418.
 */
export class TeapotError extends Error {
  readonly drink: string;

  constructor(drink: string) {
    super(`Cannot brew ${drink} in a teapot`);
    this.name = "TeapotError";
    this.drink = drink;
  }
}

/**
 * apps/reference/SPEC.md §1.5: `418 {"error": "teapot", "message": ...}` with
 * `X-Teapot: short-and-stout`.
 */
export function renderTeapot(_request: unknown, error: TeapotError): JSONResponse {
  return new JSONResponse(
    { error: "teapot", message: error.message },
    { status: 418, headers: { "X-Teapot": "short-and-stout" } },
  );
}
