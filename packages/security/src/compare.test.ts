import { describe, expect, it } from "vitest";
import { safeEqual, safeEqualAny, verifyBasic } from "./compare";

describe("safeEqual", () => {
  it("is true for equal strings and equal bytes", () => {
    expect(safeEqual("s3cr3t-key", "s3cr3t-key")).toBe(true);
    expect(safeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(safeEqual("", "")).toBe(true);
  });

  it("is false for different values of the same length", () => {
    expect(safeEqual("s3cr3t-key", "s3cr3t-kex")).toBe(false);
    expect(safeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
  });

  it("is false on a length mismatch, including a prefix of the secret", () => {
    expect(safeEqual("s3cr3t-key", "s3cr3t")).toBe(false);
    expect(safeEqual("s3cr3t", "s3cr3t-key")).toBe(false);
    expect(safeEqual("", "x")).toBe(false);
  });

  it("compares strings as UTF-8, so a string equals its own encoding", () => {
    const text = "pässwörd-🔑";
    expect(safeEqual(text, new TextEncoder().encode(text))).toBe(true);
    expect(safeEqual(text, new TextEncoder().encode("passwörd-🔑"))).toBe(false);
  });

  it("does not normalize: composed and decomposed forms differ", () => {
    expect(safeEqual("\u00e9", "e\u0301")).toBe(false);
  });

  it("throws a TypeError on anything else", () => {
    expect(() => safeEqual(undefined as unknown as string, "x")).toThrow(TypeError);
    expect(() => safeEqual("x", 42 as unknown as string)).toThrow(/b must be a string/);
  });
});

describe("safeEqualAny", () => {
  const keys = ["key-123", "key-456"];

  it("is true when any candidate matches, false otherwise", () => {
    expect(safeEqualAny("key-123", keys)).toBe(true);
    expect(safeEqualAny("key-456", keys)).toBe(true);
    expect(safeEqualAny("key-789", keys)).toBe(false);
    expect(safeEqualAny("key-12", keys)).toBe(false);
    expect(safeEqualAny("key-123", [])).toBe(false);
  });

  it("compares every candidate even after a match", () => {
    let reads = 0;
    const counted = new Proxy(keys, {
      get(target, property, receiver) {
        if (typeof property === "string" && /^\d+$/.test(property)) reads++;
        return Reflect.get(target, property, receiver);
      },
    });
    expect(safeEqualAny("key-123", counted)).toBe(true);
    expect(reads).toBe(keys.length);
  });

  it("refuses a non-array list and non-string candidates", () => {
    expect(() => safeEqualAny("k", "k" as never)).toThrow(TypeError);
    expect(() => safeEqualAny("k", [1 as never])).toThrow(TypeError);
  });
});

describe("verifyBasic", () => {
  const admin = { username: "admin", password: "s3cr3t" };

  it("needs both fields to match exactly", () => {
    expect(verifyBasic({ username: "admin", password: "s3cr3t" }, admin)).toBe(true);
    expect(verifyBasic({ username: "admin", password: "s3cr3" }, admin)).toBe(false);
    expect(verifyBasic({ username: "Admin", password: "s3cr3t" }, admin)).toBe(false);
    expect(verifyBasic({ username: "", password: "" }, admin)).toBe(false);
  });
});
