import type { Headers as HeaderPairs } from "@typhoon/server";
import { describe, expect, it } from "vitest";
import { entityTag, httpDate, ifRangeMatches, isNotModified, requestHeader } from "./conditional";

const mtime = Date.UTC(2024, 0, 2, 3, 4, 5) + 678; // sub-second part as file systems give it
const etag = entityTag(1234, mtime);

describe("validators", () => {
  it("builds a strong etag from size and mtime", () => {
    expect(etag).toBe(`"4d2-${Math.floor(mtime).toString(16)}"`);
    expect(entityTag(1235, mtime)).not.toBe(etag);
    expect(entityTag(1234, mtime + 1)).not.toBe(etag);
  });

  it("formats Last-Modified as an IMF-fixdate truncated to the second", () => {
    expect(httpDate(mtime)).toBe("Tue, 02 Jan 2024 03:04:05 GMT");
  });

  it("joins repeated request headers", () => {
    const headers: HeaderPairs = [
      ["if-none-match", '"a"'],
      ["x", "y"],
      ["if-none-match", '"b"'],
    ];
    expect(requestHeader(headers, "if-none-match")).toBe('"a", "b"');
    expect(requestHeader(headers, "range")).toBeUndefined();
  });
});

describe("isNotModified", () => {
  const check = (headers: HeaderPairs) => isNotModified(headers, etag, mtime);

  it("matches If-None-Match weakly, in a list, or with *", () => {
    expect(check([["if-none-match", etag]])).toBe(true);
    expect(check([["if-none-match", `W/${etag}`]])).toBe(true);
    expect(check([["if-none-match", `"other", ${etag}`]])).toBe(true);
    expect(check([["if-none-match", "*"]])).toBe(true);
    expect(check([["if-none-match", '"other"']])).toBe(false);
  });

  it("compares weakly against a weak tag set by the app", () => {
    expect(isNotModified([["if-none-match", 'W/"v1"']], 'W/"v1"', mtime)).toBe(true);
    expect(isNotModified([["if-none-match", '"v1"']], 'W/"v1"', mtime)).toBe(true);
  });

  it("lets If-None-Match take precedence over If-Modified-Since", () => {
    const future = new Date(mtime + 86_400_000).toUTCString();
    expect(
      check([
        ["if-none-match", '"other"'],
        ["if-modified-since", future],
      ]),
    ).toBe(false);
  });

  it("compares If-Modified-Since at second precision and ignores bad dates", () => {
    expect(check([["if-modified-since", httpDate(mtime)]])).toBe(true);
    expect(check([["if-modified-since", new Date(mtime - 1000).toUTCString()]])).toBe(false);
    expect(check([["if-modified-since", "not a date"]])).toBe(false);
    expect(check([])).toBe(false);
  });
});

describe("ifRangeMatches", () => {
  it("needs a strong, equal etag or the exact Last-Modified date", () => {
    expect(ifRangeMatches(etag, etag, mtime)).toBe(true);
    expect(ifRangeMatches(`W/${etag}`, etag, mtime)).toBe(false);
    expect(ifRangeMatches('"other"', etag, mtime)).toBe(false);
    expect(ifRangeMatches(httpDate(mtime), etag, mtime)).toBe(true);
    expect(ifRangeMatches(httpDate(mtime + 5000), etag, mtime)).toBe(false);
    expect(ifRangeMatches("garbage", etag, mtime)).toBe(false);
    expect(ifRangeMatches('W/"v1"', 'W/"v1"', mtime)).toBe(false);
  });
});
