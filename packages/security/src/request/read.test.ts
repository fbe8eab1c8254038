import { describe, expect, it } from "vitest";
import { fakeScope } from "../../test/helpers";
import {
  decodeFormComponent,
  decodePercent,
  readCookie,
  readHeader,
  readQueryParam,
  splitAuthorization,
} from "./read";

describe("readHeader", () => {
  it("finds the first value by lower-case name", () => {
    const scope = fakeScope({
      headers: [
        ["Accept", "a"],
        ["X-Key", "1"],
        ["x-key", "2"],
      ],
    });
    expect(readHeader(scope, "x-key")).toBe("1");
    expect(readHeader(scope, "missing")).toBeUndefined();
  });
});

describe("readQueryParam", () => {
  const read = (query: string, name = "k") => readQueryParam(fakeScope({ query }), name);

  it("handles empty parts, bare keys and `=` inside values", () => {
    expect(read("")).toBeUndefined();
    expect(read("&&k=1&&")).toBe("1");
    expect(read("k")).toBe("");
    expect(read("k=a=b")).toBe("a=b");
    expect(read("=x&k=2")).toBe("2");
    expect(read("=x", "")).toBe("x");
  });

  it("decodes keys and values, `+` as a space", () => {
    expect(read("my+key=a+b", "my key")).toBe("a b");
    expect(read("k=%F0%9F%94%91")).toBe("🔑");
  });

  it("reads a long query in one pass", () => {
    const query = `${"x&".repeat(50_000)}k=last`;
    expect(read(query)).toBe("last");
  });
});

describe("readCookie", () => {
  const read = (cookie: string, name = "sid") =>
    readCookie(fakeScope({ headers: { cookie } }), name);

  it("trims around names and values and ignores parts without `=`", () => {
    expect(read("  sid  =  abc  ")).toBe("abc");
    expect(read("junk; sid=1")).toBe("1");
    expect(read("a=1;sid=2;b=3")).toBe("2");
    expect(read('sid="a"b"')).toBe('a"b');
    expect(read('sid="')).toBe('"');
  });

  it("decodes percent-escapes without ever throwing", () => {
    expect(read("sid=%41%zz%")).toBe("A%zz%");
  });
});

describe("percent decoding", () => {
  it.each([
    ["%", "%"],
    ["%4", "%4"],
    ["%C3%A9", "é"],
    ["%C3", "%C3"],
    ["a%ED%A0%80b", "a%ED%A0%80b"],
    // A run of escapes with a bad byte is kept whole, exactly as the app's query parser does.
    ["%41%C3%41", "%41%C3%41"],
    ["%41%C3 %41", "%41%C3 A"],
  ])("decodePercent(%j) is %j", (raw, decoded) => {
    expect(decodePercent(raw)).toBe(decoded);
  });

  it("decodeFormComponent turns `+` into a space but keeps an encoded plus", () => {
    expect(decodeFormComponent("a+b%2Bc")).toBe("a b+c");
  });
});

describe("splitAuthorization", () => {
  it.each([
    [undefined, "", ""],
    ["", "", ""],
    ["Bearer", "Bearer", ""],
    ["Bearer abc", "Bearer", "abc"],
    ["Bearer  two spaces", "Bearer", " two spaces"],
    [" leading", "", "leading"],
  ])("splits %j at the first space", (value, scheme, param) => {
    expect(splitAuthorization(value)).toEqual({ scheme, param });
  });
});
