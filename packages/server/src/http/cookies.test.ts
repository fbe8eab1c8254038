import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Headers } from "../types";
import { cookieValue, parseCookieHeader, parseCookies, unquoteCookieValue } from "./cookies";

const plain = (record: Record<string, string>) => ({ ...record });

describe("parseCookieHeader (Starlette's cookie_parser)", () => {
  it.each<[string, Record<string, string>]>([
    ["chips=ahoy; vienna=finger", { chips: "ahoy", vienna: "finger" }],
    // Every semicolon is a delimiter, even inside quotes.
    [
      'keebler="E=mc2; L=\\"Loves\\"; fudge=\\012;"',
      { keebler: '"E=mc2', L: '\\"Loves\\"', fudge: "\\012", "": '"' },
    ],
    ["keebler=E=mc2", { keebler: "E=mc2" }],
    ["key:term=value:term", { "key:term": "value:term" }],
    ["a=b; c=[; d=r; f=h", { a: "b", c: "[", d: "r", f: "h" }],
    ["a=b; Domain=example.com", { a: "b", Domain: "example.com" }],
    // A later duplicate overwrites an earlier one.
    ["a=b; h=i; a=c", { a: "c", h: "i" }],
    // A chunk without `=` is a value with an empty name.
    ["abc=def; unnamed; django_language=en", { "": "unnamed", abc: "def", django_language: "en" }],
    ['a=b; "; c=d', { a: "b", "": '"', c: "d" }],
    ["a b c=d e = f; gh=i", { "a b c": "d e = f", gh: "i" }],
    ['a   b,c<>@:/[]?{}=d  "  =e,f g', { "a   b,c<>@:/[]?{}": 'd  "  =e,f g' }],
    [" =  b  ;  ;  =  ;   c  =  ;  ", { "": "b", c: "" }],
    // Values are never percent-decoded.
    ["sid=%41%zz%; plus=a+b; eq=%3D", { sid: "%41%zz%", plus: "a+b", eq: "%3D" }],
    ['  sid  =  "quoted value"  ', { sid: "quoted value" }],
    ["", {}],
  ])("%j", (header, expected) => {
    expect(plain(parseCookieHeader(header))).toEqual(expected);
  });

  it("keeps names such as __proto__ as plain keys", () => {
    const cookies = parseCookieHeader("__proto__=x; constructor=y");
    expect(Object.entries(cookies)).toEqual([
      ["__proto__", "x"],
      ["constructor", "y"],
    ]);
  });

  it("reads a long header of chunks without `=` in linear time", () => {
    const header = `${"a;".repeat(200_000)}k=v`;
    expect(parseCookieHeader(header).k).toBe("v");
  });
});

describe("unquoteCookieValue (Python's http.cookies._unquote)", () => {
  it.each([
    ['"abc"', "abc"],
    ['"a\\"b"', 'a"b'],
    ['"a\\\\b"', "a\\b"],
    ['"\\101\\142"', "Ab"],
    ['"\\400"', "400"],
    ['"\\x"', "x"],
    ['"a\\"', "a\\"],
    ['"a"b"', 'a"b'],
    ['"', '"'],
    ['""', ""],
    ['"abc', '"abc'],
    ['abc"', 'abc"'],
    ['a\\"b', 'a\\"b'],
  ])("%s is %s", (raw, value) => {
    expect(unquoteCookieValue(raw)).toBe(value);
  });

  // The one escape Python lacks: how serializeCookie writes characters above U+00FF.
  it.each([
    ['"\\u{20ac}"', "\u20ac"],
    ['"caf\\351 \\u{1f600}"', "caf\u00e9 \u{1f600}"],
    ['"\\u{D800}x"', "\ud800x"],
    ['"\\u{41}\\u{0}"', "A\0"],
    ['"\\u{110000}"', "u{110000}"],
    ['"\\u{1234567}"', "u{1234567}"],
    ['"\\u{}"', "u{}"],
    ['"\\u{g}"', "u{g}"],
    ['"\\u20ac"', "u20ac"],
    ['"\\\\u{41}"', "\\u{41}"],
    ["\\u{41}", "\\u{41}"],
  ])("%s is %j", (raw, value) => {
    expect(unquoteCookieValue(raw)).toBe(value);
  });
});

describe("cookieValue", () => {
  const read = (cookie: string, name = "sid") => cookieValue([["cookie", cookie]], name);

  it("trims around names and values; a part without `=` names nothing", () => {
    expect(read("  sid  =  abc  ")).toBe("abc");
    expect(read("junk; sid=1")).toBe("1");
    expect(read("a=1;sid=2;b=3")).toBe("2");
    expect(read('sid="a"b"')).toBe('a"b');
    expect(read('sid="')).toBe('"');
    expect(read("sid")).toBeUndefined();
    expect(read("sid", "")).toBe("sid");
  });

  it("keeps percent-escapes as sent", () => {
    expect(read("sid=%41%zz%")).toBe("%41%zz%");
  });
});

describe("parseCookies and cookieValue", () => {
  const headers: Headers = [
    ["cookie", "a=1; b=2"],
    ["accept", "x"],
    ["cookie", "b=3; c=%3D"],
  ];

  it("read every Cookie line as if joined with `; `", () => {
    expect(plain(parseCookies(headers))).toEqual({ a: "1", b: "3", c: "%3D" });
    expect(cookieValue(headers, "a")).toBe("1");
    expect(cookieValue(headers, "b")).toBe("3");
    expect(cookieValue(headers, "c")).toBe("%3D");
    expect(cookieValue(headers, "missing")).toBeUndefined();
    expect(cookieValue([], "a")).toBeUndefined();
  });

  it("cookieValue agrees with parseCookies on any headers", () => {
    const char = fc.constantFrom("a", "b", "=", ";", " ", '"', "\\", "1", "0", "%");
    const line = fc.array(char, { maxLength: 16 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 3 }),
        fc.constantFrom("", "a", "b", "a b"),
        (lines, name) => {
          const pairs: Headers = lines.map((value) => ["cookie", value]);
          expect(cookieValue(pairs, name)).toBe(parseCookies(pairs)[name]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
