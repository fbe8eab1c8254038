import { describe, expect, it } from "vitest";
import { DotenvError, parseDotenv } from "./dotenv";

describe("parseDotenv", () => {
  it("reads plain assignments, trimming unquoted values and blanks around '='", () => {
    expect(parseDotenv("A=1\nB = two words  \n\tC=\n")).toEqual({ A: "1", B: "two words", C: "" });
  });

  it("skips comment lines and blank lines, and strips inline comments after whitespace", () => {
    const text = "# a comment\n\n   # indented comment\nA=1 # trailing\nURL=http://x/#frag\n";
    expect(parseDotenv(text)).toEqual({ A: "1", URL: "http://x/#frag" });
  });

  it("accepts the shell `export ` prefix, and a variable named export", () => {
    expect(parseDotenv("export A=1\nexport\tB=2\nexport=3")).toEqual({
      A: "1",
      B: "2",
      export: "3",
    });
  });

  it("keeps single-quoted and backtick values literally", () => {
    expect(parseDotenv("A='x \\n # y'\nB=`it's \"q\"`")).toEqual({ A: "x \\n # y", B: `it's "q"` });
  });

  it("applies escapes in double quotes and keeps unknown escapes", () => {
    const text = 'A="line1\\nline2\\t\\"q\\" \\\\ \\$HOME \\d"';
    expect(parseDotenv(text)).toEqual({ A: 'line1\nline2\t"q" \\ $HOME \\d' });
  });

  it("reads quoted values spanning several lines", () => {
    const text = "KEY=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1\nS='a\nb'";
    expect(parseDotenv(text)).toEqual({
      KEY: "-----BEGIN-----\nabc\n-----END-----",
      NEXT: "1",
      S: "a\nb",
    });
  });

  it("allows a comment after a closing quote, keeps '#' inside quotes", () => {
    expect(parseDotenv("A=\"x # y\" # comment\nB='#'")).toEqual({ A: "x # y", B: "#" });
  });

  it("handles CRLF line endings and a BOM", () => {
    expect(parseDotenv('\uFEFFA=1\r\nB="x\r\ny"\r\n')).toEqual({ A: "1", B: "x\ny" });
  });

  it("lets the last assignment of a name win", () => {
    expect(parseDotenv("A=1\nA=2")).toEqual({ A: "2" });
  });

  it("treats __proto__ as an ordinary name", () => {
    const parsed = parseDotenv("__proto__=x\nA=1");
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(["__proto__", "A"]);
  });

  it.each([
    ["A=1\nnot an assignment", 2, 'expected "=" after not'],
    ["A=1\n\n=2", 3, "expected a variable name"],
    ['A=1\nB="never closed\nC=3', 2, 'unterminated " quoted value'],
    ["A='x' trailing", 1, "unexpected text after the closing quote"],
    ["1A=x", 1, "expected a variable name"],
  ])("reports %j at its line", (text, line, reason) => {
    const error = (() => {
      try {
        parseDotenv(text, { filename: "app.env" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DotenvError);
    expect(error).toMatchObject({ line, filename: "app.env", code: "DOTENV_SYNTAX" });
    expect((error as Error).message).toBe(`app.env:${line}: ${reason}`);
  });

  it("never puts a value in an error message", () => {
    expect(() => parseDotenv("PASSWORD='hunter2' oops")).toThrow(
      ".env:1: unexpected text after the closing quote",
    );
  });
});
