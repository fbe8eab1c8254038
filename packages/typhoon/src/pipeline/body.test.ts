import { RequestValidationError } from "@typhoon/validation";
import { describe, expect, it } from "vitest";
import { isJsonContentType, jsonBodyValue } from "./body";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("isJsonContentType", () => {
  it("reads application/json and +json types, parameters and case allowed", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    expect(isJsonContentType("application/merge-patch+json")).toBe(true);
    expect(isJsonContentType("text/plain")).toBe(false);
  });

  it("reads no content type as JSON only when not strict (FastAPI's strict_content_type)", () => {
    expect(isJsonContentType(undefined)).toBe(false);
    expect(isJsonContentType("")).toBe(false);
    expect(isJsonContentType(undefined, false)).toBe(true);
    expect(isJsonContentType("", false)).toBe(true);
  });
});

describe("jsonBodyValue", () => {
  it("leaves a body without content type as text when strict, parses it when not", () => {
    expect(jsonBodyValue(bytes('{"a":1}'), undefined)).toBe('{"a":1}');
    expect(jsonBodyValue(bytes('{"a":1}'), undefined, false)).toEqual({ a: 1 });
  });

  it("puts the received text on the error of a JSON syntax error", () => {
    let caught: unknown;
    try {
      jsonBodyValue(bytes('{"a":'), "application/json");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RequestValidationError);
    expect((caught as RequestValidationError).body).toBe('{"a":');
  });
});
