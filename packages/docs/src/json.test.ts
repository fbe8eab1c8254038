import { describe, expect, it } from "vitest";
import { OpenAPIError } from "./errors";
import { toJsonData } from "./json";

describe("toJsonData", () => {
  it("copies JSON data deeply, sharing nothing", () => {
    const input = { a: [1, { b: "x" }], c: null };
    const copy = toJsonData(input) as typeof input;
    expect(copy).toEqual(input);
    expect(copy.a).not.toBe(input.a);
  });

  it("follows JSON.stringify for dates, undefined, functions and non-finite numbers", () => {
    const when = new Date("2024-05-06T07:08:09Z");
    const out = toJsonData({ when, gone: undefined, fn: () => 1, list: [undefined, Number.NaN] });
    expect(out).toEqual({ when: "2024-05-06T07:08:09.000Z", list: [null, null] });
    expect(out).toEqual(JSON.parse(JSON.stringify({ when, list: [undefined, Number.NaN] })));
  });

  it("writes bigints as numbers when safe, else as strings", () => {
    expect(toJsonData({ small: 42n, big: 2n ** 80n })).toEqual({
      small: 42,
      big: "1208925819614629174706176",
    });
  });

  it('keeps a "__proto__" key as data', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}');
    const out = toJsonData(input) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true}}');
  });

  it("reports cycles and absurd depth instead of overflowing", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => toJsonData(cycle)).toThrow(OpenAPIError);
    let deep: unknown = 1;
    for (let i = 0; i < 2000; i++) deep = [deep];
    expect(() => toJsonData(deep)).toThrow(/deeper than/);
    // A shared (not cyclic) object is fine.
    const shared = { x: 1 };
    expect(toJsonData({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });
});
