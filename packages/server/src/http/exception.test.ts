import { describe, expect, it } from "vitest";
import { HTTPException, statusText } from "./exception";

describe("HTTPException", () => {
  it("carries status, detail and headers; the detail defaults to the reason phrase", () => {
    const error = new HTTPException(403, "No", { "x-reason": "scope" });
    expect(error).toMatchObject({
      status: 403,
      detail: "No",
      headers: { "x-reason": "scope" },
      message: "No",
      name: "HTTPException",
    });
    expect(new HTTPException(404)).toMatchObject({ detail: "Not Found", message: "Not Found" });
    expect(new HTTPException(400, { field: "x" })).toMatchObject({
      detail: { field: "x" },
      message: "Bad Request",
      headers: undefined,
    });
  });

  it("captures no stack frames and leaves the global limit as it was", () => {
    const before = Error.stackTraceLimit;
    const error = new HTTPException(404);
    expect(Error.stackTraceLimit).toBe(before);
    expect(error.stack?.split("\n").length).toBe(1);
  });
});

describe("statusText", () => {
  it("is the reason phrase, or a generic one", () => {
    expect(statusText(413)).toBe("Content Too Large");
    expect(statusText(599)).toBe("HTTP 599");
  });
});
