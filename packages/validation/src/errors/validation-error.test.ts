import { describe, expect, it } from "vitest";
import type { ErrorItem } from "../types";
import { RequestValidationError } from "./validation-error";

const missing: ErrorItem = {
  type: "missing",
  loc: ["body", "name"],
  msg: "Field required",
  input: null,
};

describe("RequestValidationError", () => {
  it("carries the received body for a custom handler, as FastAPI's exc.body", () => {
    const error = new RequestValidationError([missing], { body: { title: "towel" } });
    expect(error.body).toEqual({ title: "towel" });
    expect(error.errors).toEqual([missing]);
  });

  it("has no body when none is given (the constructor of one argument still works)", () => {
    const error = new RequestValidationError([missing]);
    expect(error.body).toBeUndefined();
    expect(error.message).toContain("body.name: Field required [type=missing]");
  });
});
