import { describe, expect, it } from "vitest";
import { FormParseError } from "./errors";
import { mediaTypeEssence, multipartBoundary } from "./media-type";

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof FormParseError) return error.code;
    throw error;
  }
  return undefined;
}

describe("mediaTypeEssence", () => {
  it("lower-cases and drops parameters", () => {
    expect(mediaTypeEssence(" Multipart/Form-Data ; boundary=x")).toBe("multipart/form-data");
    expect(mediaTypeEssence("application/x-www-form-urlencoded")).toBe(
      "application/x-www-form-urlencoded",
    );
  });
});

describe("multipartBoundary", () => {
  it("reads a token or a quoted boundary, whatever the parameter's case and position", () => {
    expect(multipartBoundary("multipart/form-data; boundary=abc123")).toBe("abc123");
    expect(multipartBoundary('multipart/form-data; BOUNDARY="a b:c"')).toBe("a b:c");
    expect(multipartBoundary("multipart/form-data; charset=utf-8; boundary=----x")).toBe("----x");
    expect(multipartBoundary('multipart/form-data; x="q;=z"; boundary=end')).toBe("end");
    expect(multipartBoundary("multipart/form-data; flag; boundary=yes")).toBe("yes");
  });

  it("is a 400 FORM_MISSING_BOUNDARY without one", () => {
    expect(code(() => multipartBoundary("multipart/form-data"))).toBe("FORM_MISSING_BOUNDARY");
    expect(code(() => multipartBoundary("multipart/form-data; charset=utf-8"))).toBe(
      "FORM_MISSING_BOUNDARY",
    );
  });

  it("is a 400 FORM_INVALID_BOUNDARY for one RFC 2046 forbids", () => {
    for (const bad of ['""', "x".repeat(71), '"ends with space "', '"a\\"b"', "a\tb", "é"]) {
      expect(
        code(() => multipartBoundary(`multipart/form-data; boundary=${bad}`)),
        bad,
      ).toBe("FORM_INVALID_BOUNDARY");
    }
    expect(multipartBoundary(`multipart/form-data; boundary=${"x".repeat(70)}`)).toHaveLength(70);
  });
});
