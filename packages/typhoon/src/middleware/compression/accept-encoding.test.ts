import { describe, expect, it } from "vitest";
import { negotiateEncoding, parseAcceptEncoding } from "./accept-encoding";

describe("negotiateEncoding", () => {
  const both = ["br", "gzip"] as const;

  it("prefers the server's order on equal weights", () => {
    expect(negotiateEncoding("gzip, deflate, br", both)).toBe("br");
    expect(negotiateEncoding("gzip, br", ["gzip", "br"])).toBe("gzip");
  });

  it("follows q weights and refuses q=0", () => {
    expect(negotiateEncoding("br;q=0.5, gzip;q=0.9", both)).toBe("gzip");
    expect(negotiateEncoding("br;q=0, gzip", both)).toBe("gzip");
    expect(negotiateEncoding("gzip;q=0", ["gzip"])).toBeNull();
  });

  it("reads * as any coding not named", () => {
    expect(negotiateEncoding("*", both)).toBe("br");
    expect(negotiateEncoding("br;q=0, *;q=0.2", both)).toBe("gzip");
  });

  it("gives null without a header or an acceptable coding", () => {
    expect(negotiateEncoding(undefined, both)).toBeNull();
    expect(negotiateEncoding("identity", both)).toBeNull();
    expect(negotiateEncoding("", both)).toBeNull();
  });

  it("drops entries with a malformed weight and is case-insensitive", () => {
    expect(parseAcceptEncoding("GZIP;Q=0.7, br;q=2, deflate;q=abc")).toEqual(
      new Map([["gzip", 0.7]]),
    );
  });

  it("reads a bounded number of entries", () => {
    const header = `${Array.from({ length: 100 }, (_, i) => `x${i}`).join(", ")}, gzip`;
    expect(parseAcceptEncoding(header).size).toBe(32);
    expect(negotiateEncoding(header, both)).toBeNull();
  });
});
