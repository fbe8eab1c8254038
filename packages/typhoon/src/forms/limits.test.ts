import { describe, expect, it } from "vitest";
import { DEFAULT_FORM_LIMITS, resolveFormLimits } from "./limits";
import { resolveFormOptions } from "./parse-form";

describe("resolveFormLimits", () => {
  it("fills safe defaults", () => {
    expect(resolveFormLimits()).toEqual(DEFAULT_FORM_LIMITS);
    expect(DEFAULT_FORM_LIMITS).toEqual({
      maxFileSize: 10 * 1024 * 1024,
      maxFiles: 10,
      maxFields: 1000,
      maxFieldSize: 1024 * 1024,
      maxFieldNameSize: 1024,
      maxParts: 1000,
      spoolThreshold: 1024 * 1024,
    });
  });

  it("overrides what is given and lets Infinity lift a limit", () => {
    const limits = resolveFormLimits({ maxFiles: 0, maxFileSize: Number.POSITIVE_INFINITY });
    expect(limits.maxFiles).toBe(0);
    expect(limits.maxFileSize).toBe(Number.POSITIVE_INFINITY);
    expect(limits.maxFields).toBe(1000);
    expect(Object.isFrozen(limits)).toBe(true);
  });

  it("refuses numbers that would silently disable a limit", () => {
    for (const bad of [Number.NaN, -1, 1.5]) {
      expect(() => resolveFormLimits({ maxFieldSize: bad })).toThrow(/maxFieldSize/);
    }
  });
});

describe("resolveFormOptions", () => {
  it("plans once: a resolved plan is returned as is", () => {
    const plan = resolveFormOptions({ maxFiles: 2, tempDir: "/tmp/x" });
    expect(plan.maxFiles).toBe(2);
    expect(plan.tempDir).toBe("/tmp/x");
    expect(resolveFormOptions(plan)).toBe(plan);
  });
});
