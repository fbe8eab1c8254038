import { describe, expect, it } from "vitest";
import { encodeEvent } from "./sse-encoding";

describe("encodeEvent", () => {
  it("sends a string as data", () => {
    expect(encodeEvent("hello")).toBe("data: hello\n\n");
    expect(encodeEvent("")).toBe("data: \n\n");
  });

  it("splits multi-line data on every kind of line break", () => {
    expect(encodeEvent("a\nb\r\nc\rd")).toBe("data: a\ndata: b\ndata: c\ndata: d\n\n");
    expect(encodeEvent({ data: "x\n" })).toBe("data: x\ndata: \n\n");
  });

  it("writes every field in a stable order", () => {
    expect(
      encodeEvent({ comment: "note", event: "update", id: 7, retry: 3000, data: "payload" }),
    ).toBe(": note\nevent: update\nid: 7\nretry: 3000\ndata: payload\n\n");
  });

  it("sends non-string data as JSON", () => {
    expect(encodeEvent({ data: { a: [1, "two"] } })).toBe('data: {"a":[1,"two"]}\n\n');
    expect(encodeEvent({ data: null })).toBe("data: null\n\n");
  });

  it("prefixes every comment line", () => {
    expect(encodeEvent({ comment: "one\ntwo" })).toBe(": one\n: two\n\n");
  });

  it("encodes an empty event to nothing", () => {
    expect(encodeEvent({})).toBe("");
  });

  it("refuses values that would inject fields", () => {
    expect(() => encodeEvent({ event: "x\ndata: forged" })).toThrow(/event must not contain/);
    expect(() => encodeEvent({ id: "1\r2" })).toThrow(/id must not contain/);
    expect(() => encodeEvent({ id: "a\0b" })).toThrow(TypeError);
    expect(() => encodeEvent({ retry: -1 })).toThrow(/retry/);
    expect(() => encodeEvent({ retry: 1.5 })).toThrow(/retry/);
    expect(() => encodeEvent(42 as never)).toThrow(TypeError);
  });
});
