import { describe, expect, it } from "vitest";
import { HTTPException } from "../http/exceptions";
import type { Request } from "../http/request";
import { ExceptionHandlers } from "./exception-handlers";

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
