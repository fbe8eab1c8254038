import { describe, expect, it } from "vitest";
import { DependencyPlanError } from "./errors";
import { DependencyOverrides } from "./overrides";
import { dependency, toProvider } from "./provider";

describe("DependencyOverrides", () => {
  it("sets, gets, deletes and clears, bumping the version on every change", () => {
    const overrides = new DependencyOverrides();
    const original = dependency(() => "real");
    const replacement = dependency(() => "fake");
    expect(overrides.version).toBe(0);
    expect(overrides.set(original, replacement)).toBe(overrides);
    expect(overrides.get(original)).toBe(replacement);
    expect(overrides.has(original)).toBe(true);
    expect(overrides.size).toBe(1);
    expect(overrides.version).toBe(1);

    expect(overrides.delete(original)).toBe(true);
    expect(overrides.version).toBe(2);
    expect(overrides.delete(original)).toBe(false);
    expect(overrides.version).toBe(2);
    expect(overrides.get(original)).toBeUndefined();

    overrides.clear();
    expect(overrides.version).toBe(2);
    overrides.set(original, replacement).set(replacement, original);
    overrides.clear();
    expect(overrides.size).toBe(0);
    expect(overrides.version).toBe(5);
  });

  it("keys plain functions by the function, whichever way they are passed", () => {
    const overrides = new DependencyOverrides();
    const fn = () => "real";
    const stub = () => "stub";
    overrides.set(fn, stub);
    expect(overrides.get(toProvider(fn))).toBe(toProvider(stub));
    expect(overrides.get(fn)?.fn).toBe(stub);
  });

  it("rejects originals and replacements that are not providers", () => {
    const overrides = new DependencyOverrides();
    expect(() => overrides.set(42 as never, () => 1)).toThrow(DependencyPlanError);
    expect(() => overrides.set(() => 1, { nope: true } as never)).toThrow(
      "dependency override: the replacement must be a provider or a function, got an object",
    );
    expect(overrides.version).toBe(0);
  });
});
