import { describe, expect, it } from "vitest";
import { checkResponseHead, InvalidResponseError } from "./response-head";

describe("checkResponseHead", () => {
  it("accepts valid heads and returns the declared Content-Length", () => {
    expect(checkResponseHead(200, undefined)).toBe(-1);
    expect(
      checkResponseHead(404, [
        ["content-type", "text/plain"],
        ["x-tab", "a\tb"],
      ]),
    ).toBe(-1);
    expect(checkResponseHead(200, [["Content-Length", "42"]])).toBe(42);
    expect(
      checkResponseHead(200, [
        ["content-length", "3"],
        ["content-length", "3"],
      ]),
    ).toBe(3);
    expect(checkResponseHead(999, [["x-utf8", "caf\u00e9"]])).toBe(-1);
    expect(checkResponseHead(200, [["!#$%&'*+-.^_`|~09azAZ", "v"]])).toBe(-1);
    expect(checkResponseHead(200, [["content-length", "123456789012345"]])).toBe(123456789012345);
  });

  it.each([99, 1000, 200.5, Number.NaN, "200"])("rejects status %s", (status) => {
    expect(() => checkResponseHead(status, undefined)).toThrow(InvalidResponseError);
  });

  it.each([
    ["CR LF in a value", [["x", "a\r\nb: c"]]],
    ["a NUL", [["x", "a\0"]]],
    ["a control character", [["x", "\u0001"]]],
    ["a non-latin1 value", [["x", "\u2028"]]],
    ["a space in a name", [["a b", "v"]]],
    ["an empty name", [["", "v"]]],
    ["a non-ASCII name", [["caf\u00e9", "v"]]],
    ["a colon in a name", [["a:b", "v"]]],
    ["DEL in a value", [["x", "a\u007f"]]],
    ["a length of 16 digits", [["content-length", "1234567890123456"]]],
    ["an empty length", [["content-length", ""]]],
    ["a pair of three", [["a", "b", "c"]]],
    ["a non-array", "x-a: b"],
    ["a negative length", [["content-length", "-1"]]],
    [
      "two different lengths",
      [
        ["content-length", "1"],
        ["content-length", "2"],
      ],
    ],
  ])("rejects %s", (_label, headers) => {
    expect(() => checkResponseHead(200, headers as never)).toThrow(InvalidResponseError);
  });
});

describe("checkResponseHead's memory of checked strings", () => {
  it("never lets a string checked as a value pass as a name", () => {
    expect(checkResponseHead(200, [["x-a", "a b"]])).toBe(-1);
    expect(() => checkResponseHead(200, [["a b", "v"]])).toThrow(InvalidResponseError);
  });

  it("stays correct past its bound", () => {
    for (let i = 0; i < 2000; i++) expect(checkResponseHead(200, [[`x-${i}`, `v${i}`]])).toBe(-1);
    expect(() => checkResponseHead(200, [["x-1", "v\r\n"]])).toThrow(InvalidResponseError);
    expect(() => checkResponseHead(200, [["x 1", "v1"]])).toThrow(InvalidResponseError);
    const long = "v".repeat(500);
    expect(checkResponseHead(200, [["x-long", long]])).toBe(-1);
    expect(() => checkResponseHead(200, [["x-long", `${long}\n`]])).toThrow(InvalidResponseError);
  });
});
