import { describe, expect, it } from "vitest";
import { CookieJar } from "./cookie-jar";

describe("CookieJar", () => {
  it("sends per-call cookies as written, joined with '; ' (as httpx does)", () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    expect(jar.header({ x: "a b", y: "%41+", z: '"q"', e: "", w: "a,b=c" })).toBe(
      'x=a b; y=%41+; z="q"; e=; w=a,b=c',
    );
    expect(jar.header({ latin: "café\t" })).toBe("latin=café\t");
  });

  it("stores Set-Cookie values raw, quotes included, and sends them back so", () => {
    const jar = new CookieJar();
    jar.update(['s="a b\\073c"; Path=/; SameSite=lax', "p=a%20b", "t=  padded  ; HttpOnly"]);
    expect(jar.get("s")).toBe('"a b\\073c"');
    expect(jar.get("p")).toBe("a%20b");
    expect(jar.get("t")).toBe("padded");
    expect(jar.header()).toBe('s="a b\\073c"; p=a%20b; t=padded');
  });

  it("lets a call's cookie replace the jar's of the same name, for that call only", () => {
    const jar = new CookieJar();
    jar.update(["a=1", "b=2"]);
    expect(jar.header({ a: "x y", c: "3" })).toBe("a=x y; b=2; c=3");
    expect(jar.header()).toBe("a=1; b=2");
  });

  it("removes a cookie set with Max-Age=0 or a past Expires", () => {
    const jar = new CookieJar();
    jar.update(["a=1", "b=2", "c=3"]);
    jar.update([
      'a=""; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
      "b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    ]);
    expect(jar.header()).toBe("c=3");
  });

  it.each([
    ["a;b", "a semicolon"],
    ["a\r\nX-Injected: 1", "CR LF"],
    ["a\nb", "a line feed"],
    ["a\0b", "NUL"],
    ["a\x7fb", "DEL"],
    ["€", "a character above U+00FF"],
    ["👍", "an emoji"],
  ])("refuses a value it cannot send as written: %j (%s)", (value) => {
    const jar = new CookieJar();
    expect(() => jar.header({ sid: value })).toThrow(
      /Cookie sid's value .* cannot be sent as written/,
    );
    expect(() => jar.set("sid", value)).toThrow(/cannot be sent as written/);
    expect(jar.get("sid")).toBeUndefined();
  });

  it.each(["a=b", "a;b", "a\r\nb", "ā"])("refuses the name %j", (name) => {
    expect(() => new CookieJar().header({ [name]: "v" })).toThrow(/Cookie name .* cannot be sent/);
  });

  it("sends a cookie set on the jar as written", () => {
    const jar = new CookieJar();
    jar.set("sid", "a b");
    expect(jar.get("sid")).toBe("a b");
    expect(jar.header()).toBe("sid=a b");
    jar.delete("sid");
    expect(jar.header()).toBeUndefined();
    jar.set("x", "1");
    jar.clear();
    expect(jar.header()).toBeUndefined();
  });
});
