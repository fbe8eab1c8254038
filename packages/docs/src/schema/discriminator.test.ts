import { named } from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { addDiscriminators } from "./discriminator";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("addDiscriminators", () => {
  it("maps each literal or picklist value to its option's component", () => {
    const A = named("DA", v.object({ k: v.literal(1) }));
    const B = named("DB", v.object({ k: v.picklist(["x", "y"]) }));
    const doc = { schema: { oneOf: [ref("DA"), ref("DB")] } };
    addDiscriminators(doc, [v.variant("k", [A, B])]);
    expect(doc.schema).toEqual({
      oneOf: [ref("DA"), ref("DB")],
      discriminator: {
        propertyName: "k",
        mapping: { "1": ref("DA").$ref, x: ref("DB").$ref, y: ref("DB").$ref },
      },
    });
  });

  it("leaves a oneOf alone when two variants over the same options disagree on the key", () => {
    const A = named("EA", v.object({ k: v.literal("a"), j: v.literal("1") }));
    const B = named("EB", v.object({ k: v.literal("b"), j: v.literal("2") }));
    const doc = { schema: { oneOf: [ref("EA"), ref("EB")] } };
    addDiscriminators(doc, [v.variant("k", [A, B]), v.variant("j", [A, B])]);
    expect(doc.schema).not.toHaveProperty("discriminator");
  });

  it("leaves a oneOf alone when two options share a value, or a key is not a fixed set", () => {
    const A = named("FA", v.object({ k: v.literal("same") }));
    const B = named("FB", v.object({ k: v.picklist(["same", "other"]) }));
    const C = named("FC", v.object({ k: v.string() }));
    const clash = { oneOf: [ref("FA"), ref("FB")] };
    const open = { oneOf: [ref("FA"), ref("FC")] };
    addDiscriminators({ clash, open }, [v.variant("k", [A, B]), v.variant("k", [A, C])]);
    expect(clash).not.toHaveProperty("discriminator");
    expect(open).not.toHaveProperty("discriminator");
  });

  it("keeps a discriminator that is already there, and ignores unrelated oneOfs", () => {
    const A = named("GA", v.object({ k: v.literal("a") }));
    const B = named("GB", v.object({ k: v.literal("b") }));
    const mine = { oneOf: [ref("GA"), ref("GB")], discriminator: { propertyName: "mine" } };
    const other = { oneOf: [ref("GB"), ref("GA")] };
    addDiscriminators({ mine, other }, [v.variant("k", [A, B])]);
    expect(mine.discriminator).toEqual({ propertyName: "mine" });
    expect(other).not.toHaveProperty("discriminator");
  });
});
