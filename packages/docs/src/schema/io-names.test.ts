import { named } from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { rewriteRefs, unpairedIoRenames } from "./io-names";

describe("unpairedIoRenames", () => {
  const Item = named("IoItem", v.object({ a: v.optional(v.string(), "") }));
  const roots = [Item];

  it("renames a suffixed name whose twin is absent", () => {
    expect(unpairedIoRenames(["IoItem-Output"], roots)).toEqual(
      new Map([["IoItem-Output", "IoItem"]]),
    );
  });

  it("keeps both names when both forms are used, and names nobody gave", () => {
    expect(unpairedIoRenames(["IoItem-Input", "IoItem-Output"], roots).size).toBe(0);
    expect(unpairedIoRenames(["Other-Input"], roots).size).toBe(0);
  });

  it("keeps a suffixed name the user chose", () => {
    const Chosen = named("Chosen-Input", v.object({ a: v.string() }));
    const Base = named("Chosen", v.object({ b: v.optional(v.string(), "") }));
    expect(unpairedIoRenames(["Chosen-Input"], [Chosen, Base]).size).toBe(0);
  });
});

describe("rewriteRefs", () => {
  it("rewrites every matching $ref, nested or in arrays", () => {
    const doc = {
      a: { $ref: "#/components/schemas/X-Input" },
      b: [{ items: { $ref: "#/components/schemas/X-Input" } }, { $ref: "#/components/schemas/Y" }],
    };
    rewriteRefs(doc, new Map([["X-Input", "X"]]));
    expect(doc).toEqual({
      a: { $ref: "#/components/schemas/X" },
      b: [{ items: { $ref: "#/components/schemas/X" } }, { $ref: "#/components/schemas/Y" }],
    });
  });
});
