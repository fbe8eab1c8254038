import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { getName, named } from "./naming";

describe("named / getName", () => {
  it("names the very schema object and returns it", () => {
    const Item = v.object({ a: v.string() });
    expect(named("Item", Item)).toBe(Item);
    expect(getName(Item)).toBe("Item");
    expect(named("Item", Item)).toBe(Item);
    expect(getName(v.object({ a: v.string() }))).toBeUndefined();
    expect(
      getName(
        v.pipe(
          Item,
          v.check(() => true),
        ),
      ),
    ).toBeUndefined();
  });

  it("refuses invalid names and renaming", () => {
    expect(() => named("Bad Name", v.string())).toThrow(/Invalid schema name/);
    const s = named("First", v.string());
    expect(() => named("Second", s)).toThrow(/already named "First"/);
  });
});
