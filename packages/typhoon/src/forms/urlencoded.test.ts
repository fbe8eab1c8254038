import { describe, expect, it } from "vitest";
import { FormParseError } from "./errors";
import { DEFAULT_FORM_LIMITS, resolveFormLimits } from "./limits";
import { UrlencodedSplitter } from "./urlencoded";

const bytes = (text: string) => Buffer.from(text, "utf8");

function split(body: string, limits = DEFAULT_FORM_LIMITS, sizes: number[] = []) {
  const splitter = new UrlencodedSplitter(limits);
  const all = bytes(body);
  let offset = 0;
  for (const size of sizes) {
    splitter.push(all.subarray(offset, offset + size));
    offset += size;
  }
  splitter.push(all.subarray(offset));
  return splitter.end();
}

function refusal(run: () => unknown): FormParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormParseError) return error;
    throw error;
  }
  throw new Error("expected a FormParseError");
}

describe("UrlencodedSplitter", () => {
  it("splits pairs in order and keeps repeated names", () => {
    expect(split("a=1&b=two&a=3")).toEqual([
      ["a", "1"],
      ["b", "two"],
      ["a", "3"],
    ]);
  });

  it("decodes + as space and percent escapes as UTF-8", () => {
    expect(split("q=hello+world&name=J%C3%BCrgen&emoji=%F0%9F%8C%8A&plus=%2B")).toEqual([
      ["q", "hello world"],
      ["name", "Jürgen"],
      ["emoji", "🌊"],
      ["plus", "+"],
    ]);
  });

  it("keeps invalid escapes as sent instead of failing", () => {
    expect(split("a=100%&b=%zz&c=%E2%82")).toEqual([
      ["a", "100%"],
      ["b", "%zz"],
      ["c", "%E2%82"],
    ]);
  });

  it("reads a pair without = as an empty value and skips empty pairs", () => {
    expect(split("flag&&x=&=v&")).toEqual([
      ["flag", ""],
      ["x", ""],
      ["", "v"],
    ]);
  });

  it("keeps everything after the first = in the value", () => {
    expect(split("token=a=b==")).toEqual([["token", "a=b=="]]);
  });

  it("gives the same pairs however the body is chunked", () => {
    // Raw UTF-8 too: a cut may fall between the bytes of one character.
    const body = "first=J%C3%BCrgen+K&second=a%26b&third&fourth=%F0%9F%8C%8A&raw=Zoë🌊&first=again";
    const whole = split(body);
    expect(whole).toContainEqual(["raw", "Zoë🌊"]);
    const size = bytes(body).byteLength;
    for (let cut = 0; cut <= size; cut++) {
      expect(split(body, DEFAULT_FORM_LIMITS, [cut])).toEqual(whole);
    }
    expect(split(body, DEFAULT_FORM_LIMITS, Array(size).fill(1))).toEqual(whole);
  });

  it("accepts a value of exactly maxFieldSize bytes and refuses one more (413)", () => {
    const limits = resolveFormLimits({ maxFieldSize: 5 });
    expect(split("a=12345", limits)).toEqual([["a", "12345"]]);
    const error = refusal(() => split("a=123456", limits));
    expect(error.status).toBe(413);
    expect(error.code).toBe("FORM_FIELD_TOO_LARGE");
    expect(error.detail).toContain("'a'");
  });

  it("refuses an oversized value while it streams, before the pair ends", () => {
    const splitter = new UrlencodedSplitter(resolveFormLimits({ maxFieldSize: 10 }));
    splitter.push(bytes("big=0123456789"));
    expect(() => splitter.push(bytes("X"))).toThrow(FormParseError);
  });

  it("measures names against maxFieldNameSize, with or without a value", () => {
    const limits = resolveFormLimits({ maxFieldNameSize: 3 });
    expect(split("abc=1&xyz", limits)).toEqual([
      ["abc", "1"],
      ["xyz", ""],
    ]);
    expect(refusal(() => split("abcd=1", limits)).code).toBe("FORM_FIELD_NAME_TOO_LARGE");
    expect(refusal(() => split("abcd", limits)).code).toBe("FORM_FIELD_NAME_TOO_LARGE");
  });

  it("accepts maxFields pairs and refuses one more (413)", () => {
    const limits = resolveFormLimits({ maxFields: 3 });
    expect(split("a=1&b=2&c=3", limits)).toHaveLength(3);
    const error = refusal(() => split("a=1&b=2&c=3&d=4", limits));
    expect(error.status).toBe(413);
    expect(error.code).toBe("FORM_TOO_MANY_FIELDS");
  });

  it("decodes raw non-ASCII bytes as UTF-8", () => {
    expect(split("name=Zoë")).toEqual([["name", "Zoë"]]);
  });
});
