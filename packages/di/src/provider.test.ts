import { describe, expect, it } from "vitest";
import { Depends } from "./depends";
import { DependencyPlanError } from "./errors";
import { dependency, isProvider, providerKind, toProvider } from "./provider";

describe("dependency()", () => {
  it("records params, function, name and kind", () => {
    const params = { a: Depends(() => 1) };
    const fn = ({ a }: { a: number }) => a;
    const provider = dependency(params, fn);
    expect(provider.params).toBe(params);
    expect(provider.fn).toBe(fn);
    expect(provider.name).toBe("fn");
    expect(provider.kind).toBe("sync");
    expect(dependency(() => 1).params).toEqual({});
    expect(dependency(() => 1, { name: "custom" }).name).toBe("custom");
    expect(dependency({}, () => 1, { name: "other" }).name).toBe("other");
  });

  it("tells the four kinds of provider apart from the function itself", () => {
    expect(providerKind(() => 1)).toBe("sync");
    expect(providerKind(async () => 1)).toBe("async");
    expect(providerKind(function* () {})).toBe("generator");
    expect(providerKind(async function* () {})).toBe("async-generator");
    expect(providerKind((async () => 1).bind(null))).toBe("async");
  });

  it("names anonymous functions 'anonymous'", () => {
    expect(dependency([() => 1][0]!).name).toBe("anonymous");
  });

  it("rejects params that are not a plain object and fn that is not a function", () => {
    expect(() => dependency(null as never, () => 1)).toThrow(DependencyPlanError);
    expect(() => dependency([] as never, () => 1)).toThrow(
      "dependency(params, fn): params must be a plain object, got an array",
    );
    expect(() => dependency({}, "nope" as never)).toThrow(
      'dependency(params, fn): fn must be a function, got the string "nope"',
    );
    expect(() => dependency(5 as never)).toThrow(/got 5$/);
  });
});

describe("toProvider()", () => {
  it("wraps a plain function once, so identity follows the function", () => {
    const fn = () => 1;
    const wrapped = toProvider(fn);
    expect(toProvider(fn)).toBe(wrapped);
    expect(wrapped.fn).toBe(fn);
    expect(wrapped.params).toEqual({});
    const provider = dependency(() => 2);
    expect(toProvider(provider)).toBe(provider);
  });

  it("isProvider recognises providers structurally, spread copies included", () => {
    const provider = dependency(() => 1);
    expect(isProvider(provider)).toBe(true);
    expect(isProvider({ ...provider, scheme: "bearer" })).toBe(true);
    expect(isProvider({ fn: () => 1 })).toBe(false);
    expect(isProvider(() => 1)).toBe(false);
    expect(isProvider(null)).toBe(false);
  });
});
