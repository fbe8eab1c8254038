import { describe, expect, it } from "vitest";
import type { ErrorItem } from "../types";
import { MAX_JSON_DEPTH, parseJson } from "./parse-json";

function parse(text: string) {
  const errors: ErrorItem[] = [];
  const value = parseJson(text, errors);
  return { value, errors };
}

describe("parseJson", () => {
  // Text only: the caller decodes the bytes (invalid UTF-8 is its 400, not a 422).
  it("parses text; a BOM is skipped", () => {
    expect(parse('{"a": [1, "é"]}').value).toEqual({ a: [1, "é"] });
    expect(parse("\uFEFF1").value).toBe(1);
    expect(parse("\uFEFF[1]").value).toEqual([1]);
  });

  it("duplicate keys: the last one wins", () => {
    expect(parse('{"a": 1, "a": 2}').value).toEqual({ a: 2 });
  });

  it("keeps __proto__ as a plain own key and never pollutes prototypes", () => {
    const { value } = parse(
      '{"__proto__": {"polluted": 1}, "nested": {"__proto__": {"polluted": 2}}}',
    );
    const obj = value as Record<string, unknown>;
    expect(Object.keys(obj)).toEqual(["__proto__", "nested"]);
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(obj, "__proto__")?.value).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((obj as { polluted?: unknown }).polluted).toBeUndefined();
  });

  // Positions and messages are Python's json module's (what FastAPI reports).
  const malformed: [text: string, message: string, position: number][] = [
    ["", "Expecting value", 0],
    ["   ", "Expecting value", 3],
    ['{"a": }', "Expecting value", 6],
    ['{"a": 1,}', "Expecting property name enclosed in double quotes", 8],
    ["[1,]", "Expecting value", 3],
    ['{"a" 1}', "Expecting ':' delimiter", 5],
    ['{"a": 1 "b": 2}', "Expecting ',' delimiter", 8],
    ["[1 2]", "Expecting ',' delimiter", 3],
    ['{"a": 1', "Expecting ',' delimiter", 7],
    ["{", "Expecting property name enclosed in double quotes", 1],
    ["{'a': 1}", "Expecting property name enclosed in double quotes", 1],
    ['"abc', "Unterminated string starting at", 0],
    ['["ok", "abc', "Unterminated string starting at", 7],
    ['"a\\', "Unterminated string starting at", 0],
    ['"a\u0001"', "Invalid control character at", 2],
    ['"a\\x"', "Invalid \\escape", 2],
    ['"\\u12G4"', "Invalid \\uXXXX escape", 2],
    ["[1] x", "Extra data", 4],
    ["01", "Extra data", 1],
    ["tru", "Expecting value", 0],
    ["NaN", "Expecting value", 0],
    ["-", "Expecting value", 0],
    ['{"a": [true, false, null, -1.5e3, {"b": {}}], "c": "\\n\\u00e9"} ]', "Extra data", 63],
    ['{"😀": x}', "Expecting value", 6],
  ];

  it.each(malformed)("%j → %s at %i", (text, message, position) => {
    const { value, errors } = parse(text);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      {
        type: "json_invalid",
        loc: ["body", position],
        msg: "JSON decode error",
        input: {},
        ctx: { error: message },
      },
    ]);
  });

  it("deep nesting is refused at the depth limit without overflowing the stack", () => {
    const deep = `${"[".repeat(100_000)}x${"]".repeat(100_000)}`;
    expect(parse(deep).errors.map((e) => e.loc)).toEqual([["body", MAX_JSON_DEPTH]]);
    const valid = parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(valid.errors.map((e) => e.type)).toEqual(["json_invalid"]);
  });
});

describe("nesting limit", () => {
  const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

  it("accepts bodies nested up to MAX_JSON_DEPTH levels", () => {
    const errors: ErrorItem[] = [];
    expect(parseJson(nested(MAX_JSON_DEPTH), errors)).toBeDefined();
    expect(errors).toEqual([]);
  });

  it("refuses deeper bodies with one json_invalid error at the offending offset", () => {
    const errors: ErrorItem[] = [];
    expect(parseJson(`{"a": ${nested(MAX_JSON_DEPTH + 10)}}`, errors)).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      type: "json_invalid",
      loc: ["body", 6 + MAX_JSON_DEPTH - 1],
    });
  });

  it("does not count brackets inside strings", () => {
    const errors: ErrorItem[] = [];
    const text = JSON.stringify({ text: `${"[".repeat(5000)}\\"{` });
    expect(parseJson(text, errors)).toEqual({ text: `${"[".repeat(5000)}\\"{` });
    expect(errors).toEqual([]);
  });
});
