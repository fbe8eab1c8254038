import { TestClient, type TestResponse } from "typhoon/testing";
import { expect } from "vitest";
import { createApp } from "../src/app";

/** A logger that keeps what it is told, so expected 500s do not clutter the output. */
export function quietLogger() {
  const errors: unknown[] = [];
  return {
    errors,
    info() {},
    warn() {},
    error: (_message: string, error?: unknown) => errors.push(error),
  };
}

/** A fresh reference app (own state) with an in-process client. */
export function referenceClient() {
  const logger = quietLogger();
  const { app, state } = createApp({ logger });
  return { app, state, logger, client: new TestClient(app, { raiseServerExceptions: false }) };
}

type Loc = (string | number)[];

/** The `loc` of every 422 error, in the order sent. */
export function locsOf(res: TestResponse): Loc[] {
  const body = res.json() as { detail: { loc: Loc }[] };
  return body.detail.map((error) => error.loc);
}

/**
 * apps/reference/SPEC.md §1.5: a 422 whose errors have exactly this multiset of locs (order not
 * significant).
 */
export function expect422(res: TestResponse, expected: Loc[]): void {
  expect(res.status, res.text).toBe(422);
  expect(res.headers.get("content-type")).toBe("application/json");
  const sorted = (locs: Loc[]) => locs.map((loc) => JSON.stringify(loc)).sort();
  expect(sorted(locsOf(res))).toEqual(sorted(expected));
}

/** `{"detail": detail}` with `status`, as JSON (apps/reference/SPEC.md §1.5). */
export function expectDetail(res: TestResponse, status: number, detail: unknown): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/json");
  expect(res.json()).toEqual({ detail });
}

/** A 200 (or `status`) JSON answer with exactly this body. */
export function expectJson(res: TestResponse, body: unknown, status = 200): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")?.split(";")[0]).toBe("application/json");
  expect(res.json()).toEqual(body);
}
