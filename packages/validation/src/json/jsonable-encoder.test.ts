import { describe, expect, it } from "vitest";
import { Duration } from "../temporal/duration";
import { jsonableEncoder } from "./jsonable-encoder";

describe("jsonableEncoder (FastAPI's jsonable_encoder)", () => {
  it("dates as isoformat() writes an aware UTC datetime; durations as total seconds", () => {
    expect(jsonableEncoder(new Date("2024-03-01T09:30:00Z"))).toBe("2024-03-01T09:30:00+00:00");
    expect(jsonableEncoder(new Date("2024-03-01T09:30:00.250Z"))).toBe(
      "2024-03-01T09:30:00.250000+00:00",
    );
    expect(jsonableEncoder(new Date(Number.NaN))).toBeNull();
    expect(jsonableEncoder(Duration.fromSeconds(5400.5))).toBe(5400.5);
  });

  it("bytes as UTF-8 text, bigints, URLs, RegExps, boxed values, non-finite numbers", () => {
    expect(jsonableEncoder(new TextEncoder().encode("héllo"))).toBe("héllo");
    expect(jsonableEncoder(new TextEncoder().encode("ab").buffer)).toBe("ab");
    expect(jsonableEncoder(10n)).toBe(10);
    expect(jsonableEncoder(2n ** 64n)).toBe("18446744073709551616");
    expect(jsonableEncoder(new URL("https://example.com/a?b=1"))).toBe("https://example.com/a?b=1");
    expect(jsonableEncoder(/^isbn-/)).toBe("^isbn-");
    expect(jsonableEncoder(Object("s"))).toBe("s");
    expect(jsonableEncoder([Number.NaN, Number.POSITIVE_INFINITY])).toEqual([null, null]);
  });

  it("Maps become objects, Sets and iterables lists, undefined properties are left out", () => {
    const out = jsonableEncoder({
      tags: new Set(["a", "b"]),
      scores: new Map<unknown, unknown>([
        ["ann", 3],
        [2, new Date("2024-01-01T00:00:00Z")],
      ]),
      gen: (function* () {
        yield 1;
        yield 2;
      })(),
      unset: undefined,
      none: null,
      list: [undefined, () => 1],
      fn: () => 1,
    });
    expect(out).toEqual({
      tags: ["a", "b"],
      scores: { ann: 3, "2": "2024-01-01T00:00:00+00:00" },
      gen: [1, 2],
      none: null,
      list: [null, null],
    });
    expect(Object.keys(out as object)).not.toContain("unset");
  });

  it("class instances: toJSON when they have one, else their own enumerable fields", () => {
    class Money {
      constructor(readonly cents: number) {}
      toJSON() {
        return { amount: this.cents / 100, currency: "EUR" };
      }
    }
    class User {
      name = "ann";
      joined = new Date("2024-03-01T00:00:00Z");
      price = new Money(1250);
    }
    expect(jsonableEncoder(new User())).toEqual({
      name: "ann",
      joined: "2024-03-01T00:00:00+00:00",
      price: { amount: 12.5, currency: "EUR" },
    });
    // A ValueError in an error's ctx is written {} by FastAPI: an Error has no own fields.
    expect(jsonableEncoder({ error: new Error("bad") })).toEqual({ error: {} });
  });

  it("include, exclude, excludeNone and customEncoder", () => {
    const item = { name: "pen", price: 2, tax: null, nested: { note: null, keep: 1 } };
    expect(jsonableEncoder(item, { include: ["name", "price"] })).toEqual({
      name: "pen",
      price: 2,
    });
    expect(jsonableEncoder(item, { exclude: ["nested"] })).toEqual({
      name: "pen",
      price: 2,
      tax: null,
    });
    expect(jsonableEncoder(item, { excludeNone: true })).toEqual({
      name: "pen",
      price: 2,
      nested: { keep: 1 },
    });
    const customEncoder = new Map([[Date, (d: Date) => d.getTime()]]);
    expect(jsonableEncoder({ at: new Date(5) }, { customEncoder })).toEqual({ at: 5 });
  });

  it("a cycle is an error, a shared object is not", () => {
    const shared = { a: 1 };
    expect(jsonableEncoder([shared, shared])).toEqual([{ a: 1 }, { a: 1 }]);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => jsonableEncoder(loop)).toThrow(/cycle/);
  });

  it("keeps a __proto__ key as data", () => {
    const out = jsonableEncoder(JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"x":1}}');
  });
});
