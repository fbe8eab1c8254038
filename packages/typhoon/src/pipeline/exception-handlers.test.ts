import { RequestValidationError } from "@typhoon/validation";
import { describe, expect, it } from "vitest";
import { HTTPException } from "../http/exceptions";
import type { Request } from "../http/request";
import type { Response } from "../http/responses";
import {
  ExceptionHandlers,
  httpExceptionHandler,
  requestValidationExceptionHandler,
} from "./exception-handlers";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const request = { method: "GET", path: "/x" } as unknown as Request;

function rendered(error: unknown) {
  const response = new ExceptionHandlers("fastapi", quiet).renderNow(request, error);
  if (response instanceof Promise) throw new Error("expected a synchronous response");
  return {
    status: response.status,
    headers: response.headers,
    json: JSON.parse(Buffer.from(response.body).toString("utf8")) as unknown,
  };
}

describe("the default HTTPException handler", () => {
  it("answers {detail} as JSON with the status and the exception's headers", () => {
    const out = rendered(new HTTPException(401, 'No "token"', { "WWW-Authenticate": "Bearer" }));
    expect(out.status).toBe(401);
    expect(out.json).toEqual({ detail: 'No "token"' });
    expect(out.headers).toContainEqual(["content-type", "application/json"]);
    expect(out.headers).toContainEqual(["www-authenticate", "Bearer"]);
  });

  it("stays right for any detail, past the memory of repeated ones", () => {
    for (let i = 0; i < 600; i++) {
      expect(rendered(new HTTPException(404, `missing ${i} ✓`)).json).toEqual({
        detail: `missing ${i} ✓`,
      });
    }
    expect(rendered(new HTTPException(404)).json).toEqual({ detail: "Not Found" });
    expect(rendered(new HTTPException(409, { ids: [1] })).json).toEqual({ detail: { ids: [1] } });
    const long = "x".repeat(1000);
    expect(rendered(new HTTPException(400, long)).json).toEqual({ detail: long });
  });
});

describe("the exported default handlers", () => {
  const items = [{ type: "missing", loc: ["query", "q"], msg: "Field required", input: null }];

  it("answer like the app's defaults when called directly", () => {
    const error = new HTTPException(404, "gone", { "X-A": "1" });
    const direct = httpExceptionHandler(request, error);
    const viaApp = new ExceptionHandlers("fastapi", quiet).renderNow(request, error) as Response;
    const wire = (r: Response) => [r.status, r.headers, Buffer.from(r.body).toString()];
    expect(wire(direct)).toEqual(wire(viaApp));
    expect(wire(direct)[2]).toBe('{"detail":"gone"}');
  });

  it("render validation errors in FastAPI's format outside an app's rendering", () => {
    const response = requestValidationExceptionHandler(
      { path: "/x" } as Request,
      new RequestValidationError(items),
    );
    expect(response.status).toBe(422);
    expect(JSON.parse(Buffer.from(response.body).toString())).toEqual({ detail: items });
  });

  it("use the format of the app that is rendering this request", () => {
    const problemRequest = { method: "GET", path: "/p" } as unknown as Request;
    const seen: Response[] = [];
    const handlers = new ExceptionHandlers("problem", quiet);
    handlers.set(RequestValidationError, (req, error: RequestValidationError) => {
      const response = requestValidationExceptionHandler(req, error);
      seen.push(response);
      return response;
    });
    handlers.renderNow(problemRequest, new RequestValidationError(items));
    expect(seen[0]?.headers).toContainEqual(["content-type", "application/problem+json"]);
    // Another request, not rendered by that app, keeps the default.
    const other = requestValidationExceptionHandler(request, new RequestValidationError(items));
    expect(other.headers).toContainEqual(["content-type", "application/json"]);
  });
});
