import { describe, expect, it } from "vitest";
import { percentDecode } from "./percent-decode";

describe("percentDecode", () => {
  it.each([
    ["plain", "plain"],
    ["%", "%"],
    ["%4", "%4"],
    ["%C3%A9", "é"],
    ["%C3", "%C3"],
    ["a%ED%A0%80b", "a%ED%A0%80b"],
    // A run of escapes with a bad byte is kept whole.
    ["%41%C3%41", "%41%C3%41"],
    ["%41%C3 %41", "%41%C3 A"],
    ["a+b", "a+b"],
  ])("decodes %j as %j without throwing", (raw, decoded) => {
    expect(percentDecode(raw)).toBe(decoded);
  });
});
