import { parseCookies } from "@typhoon/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteCookieValue, serializeCookie } from "./cookies";

/** What a browser sends back for a `Set-Cookie` line: its `name=value`, before the first `;`. */
const sentBack = (setCookie: string) => setCookie.slice(0, setCookie.indexOf(";"));

/** The value the server reads for cookie `c` from a `Cookie` header holding `pair` among others. */
const readBack = (pair: string) => parseCookies([["cookie", `a=1; ${pair}; z=2`]]).c;

describe("quoteCookieValue (Python's http.cookies._quote)", () => {
  // Expected values are Python's own `_quote` output.
  it.each([
    ["abc!#$%&'*+-.^_`|~:", "abc!#$%&'*+-.^_`|~:"],
    ["a b", '"a b"'],
    ["a;b", '"a\\073b"'],
    ["a,b", '"a\\054b"'],
    ['a"b', '"a\\"b"'],
    ["a\\b", '"a\\\\b"'],
    ["a=b", '"a=b"'],
    ["", '""'],
    ["()/<=>?@[]{}", '"()/<=>?@[]{}"'],
    ["\t\r\n\x7f\0", '"\\011\\015\\012\\177\\000"'],
    ["café", '"caf\\351"'],
    ["\x80\xff", '"\\200\\377"'],
  ])("%j is written %s", (value, written) => {
    expect(quoteCookieValue(value)).toBe(written);
  });

  it("writes each of the 256 latin-1 characters as Python's _Translator does", () => {
    // Python: `_Translator` maps every code 0-255 outside `_UnescapedChars` to `\ooo`, and `"`, `\` to `\"`, `\\`.
    const legal = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~:";
    const unescaped = `${legal} ()/<=>?@[]{}`;
    const translate = (char: string) => {
      if (char === '"' || char === "\\") return `\\${char}`;
      if (unescaped.includes(char)) return char;
      return `\\${char.charCodeAt(0).toString(8).padStart(3, "0")}`;
    };
    for (let code = 0; code < 256; code++) {
      const char = String.fromCharCode(code);
      const written = legal.includes(char) ? char : `"${translate(char)}"`;
      expect(quoteCookieValue(char)).toBe(written);
    }
  });

  it("writes characters above U+00FF as \\u{hex} of their code point", () => {
    expect(quoteCookieValue("€")).toBe('"\\u{20ac}"');
    expect(quoteCookieValue("a😀b")).toBe('"a\\u{1f600}b"');
    expect(quoteCookieValue("Ā")).toBe('"\\u{100}"');
    // A lone surrogate (not a character, but a JavaScript string can hold one).
    expect(quoteCookieValue("\ud800x")).toBe('"\\u{d800}x"');
  });
});

describe("serializeCookie", () => {
  it("writes a legal value as it is, with the attributes after it", () => {
    expect(serializeCookie("sid", "abc123", { httpOnly: true, maxAge: 60 })).toBe(
      "sid=abc123; HttpOnly; Max-Age=60; Path=/; SameSite=lax",
    );
  });

  it("quotes any other value, as Starlette's set_cookie does", () => {
    expect(serializeCookie("c", "a b")).toBe('c="a b"; Path=/; SameSite=lax');
    expect(serializeCookie("c", "")).toBe('c=""; Path=/; SameSite=lax');
  });

  it("keeps a hostile value inside the one cookie: no attribute, no second cookie, no header", () => {
    const line = serializeCookie("c", "x; Domain=evil.example\r\nSet-Cookie: evil=1, y=2");
    expect(line).toBe(
      'c="x\\073 Domain=evil.example\\015\\012Set-Cookie: evil=1\\054 y=2"; Path=/; SameSite=lax',
    );
    expect(line.split(";")).toHaveLength(3);
  });

  it("still refuses names that are not tokens and unsafe attribute values", () => {
    expect(() => serializeCookie("a b", "x")).toThrow(/Invalid cookie name/);
    expect(() => serializeCookie("a=b", "x")).toThrow(/Invalid cookie name/);
    expect(() => serializeCookie("a", "x", { path: "/;Domain=x" })).toThrow(/Invalid cookie Path/);
    expect(() => serializeCookie("a", "x", { domain: "a\r\nb" })).toThrow(/Invalid cookie Domain/);
  });

  it.each([
    ["space", "a b"],
    ["semicolon", "a;b"],
    ["comma", "a,b"],
    ["double quote", '"a"'],
    ["backslash", "a\\b\\"],
    ["equals", "a=b=="],
    ["percent escape, left as sent", "a%20b"],
    ["non-ASCII", "café Ā"],
    ["emoji", "👍🏽 ok"],
    ["empty string", ""],
    ["what looks like an escape", "\\u{41} \\101"],
    ["padding spaces", "  a  "],
  ])("%s: reads back exactly", (_what, value) => {
    expect(readBack(sentBack(serializeCookie("c", value)))).toBe(value);
  });

  it("any string reads back exactly, in one cookie of printable ASCII without ; , CR or LF", () => {
    const tricky = fc.constantFrom(
      ...['"', "\\", ";", ",", " ", "=", "\r", "\n", "\0", "u", "{", "}", "0", "7", "%"],
      ...["\x7f", "\xe9", "\xff", "\u0100", "\u20ac", "\ud83d", "\ude00", "😀"],
    );
    const value = fc.oneof(
      // Any code point, lone surrogates included (fast-check's "binary" unit costs a second to set up).
      fc.string({
        unit: fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
      }),
      fc.array(tricky, { maxLength: 12 }).map((chars) => chars.join("")),
    );
    fc.assert(
      fc.property(value, (value) => {
        const line = serializeCookie("c", value, { httpOnly: true });
        expect(line).toMatch(/^c=[\x20-\x7e]*$/);
        expect(line.split(";")).toEqual([
          `c=${quoteCookieValue(value)}`,
          " HttpOnly",
          " Path=/",
          " SameSite=lax",
        ]);
        expect(sentBack(line)).not.toContain(",");
        expect(readBack(sentBack(line))).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});
