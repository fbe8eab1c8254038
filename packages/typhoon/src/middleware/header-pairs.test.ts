import type { Headers as HeaderPairs } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { addVary, getHeader, mediaTypeOf, removeHeader, setHeader } from "./header-pairs";

describe("header pairs", () => {
  it("setHeader replaces every value in place and never mutates a shared pair", () => {
    const shared: [string, string] = ["x-a", "1"];
    const headers: HeaderPairs = [shared, ["x-b", "2"], ["x-a", "3"]];
    setHeader(headers, "x-a", "new");
    expect(headers).toEqual([
      ["x-a", "new"],
      ["x-b", "2"],
    ]);
    expect(shared).toEqual(["x-a", "1"]);
    setHeader(headers, "x-c", "4");
    expect(getHeader(headers, "x-c")).toBe("4");
  });

  it("removeHeader drops every value", () => {
    const headers: HeaderPairs = [
      ["a", "1"],
      ["b", "2"],
      ["a", "3"],
    ];
    removeHeader(headers, "a");
    expect(headers).toEqual([["b", "2"]]);
  });

  it("addVary appends to an existing Vary, as Starlette", () => {
    const headers: HeaderPairs = [];
    addVary(headers, "Accept-Encoding");
    addVary(headers, "Origin");
    expect(headers).toEqual([["vary", "Accept-Encoding, Origin"]]);
  });

  it("mediaTypeOf strips parameters and lower-cases", () => {
    expect(mediaTypeOf([["content-type", "Text/HTML; charset=utf-8"]])).toBe("text/html");
    expect(mediaTypeOf([])).toBeUndefined();
  });
});
