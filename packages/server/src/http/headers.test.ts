import { describe, expect, it } from "vitest";
import type { Headers } from "../types";
import { headerValue, headerValues } from "./headers";

const headers: Headers = [
  ["accept", "a"],
  ["x-key", "1"],
  ["x-other", "o"],
  ["x-key", "2"],
];

describe("headerValue", () => {
  it("finds the first value of a lower-case name", () => {
    expect(headerValue(headers, "x-key")).toBe("1");
    expect(headerValue(headers, "missing")).toBeUndefined();
    expect(headerValue([], "x-key")).toBeUndefined();
  });
});

describe("headerValues", () => {
  it("finds every value in arrival order", () => {
    expect(headerValues(headers, "x-key")).toEqual(["1", "2"]);
    expect(headerValues(headers, "missing")).toEqual([]);
  });
});
