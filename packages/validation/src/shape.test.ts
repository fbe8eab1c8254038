import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { schemaShape } from "./shape";
import { datetime, time, timedelta } from "./temporal/schemas";

describe("schemaShape", () => {
  it.each([
    ["object", v.object({}), "object"],
    [
      "optional object in a pipe",
      v.optional(
        v.pipe(
          v.object({}),
          v.check(() => true),
        ),
      ),
      "object",
    ],
    ["loose/strict/rest objects", v.strictObject({}), "object"],
    ["record", v.record(v.string(), v.number()), "object"],
    ["datetime (a query parameter when bare)", v.optional(datetime()), "scalar"],
    ["time", time(), "scalar"],
    ["timedelta", timedelta(), "scalar"],
    ["variant", v.variant("k", [v.object({ k: v.literal("a") })]), "object"],
    [
      "union of objects",
      v.union([v.object({ a: v.string() }), v.object({ b: v.string() })]),
      "object",
    ],
    [
      "intersect of objects",
      v.intersect([v.object({ a: v.string() }), v.object({ b: v.string() })]),
      "object",
    ],
    ["array", v.nullable(v.array(v.string())), "array"],
    ["tuple", v.tuple([v.string()]), "array"],
    ["string", v.string(), "scalar"],
    ["integer pipe", v.optional(v.pipe(v.number(), v.integer()), 1), "scalar"],
    ["picklist", v.picklist(["a"]), "scalar"],
    ["date", v.date(), "scalar"],
    ["union of scalars", v.union([v.number(), v.literal("auto")]), "scalar"],
    ["mixed union", v.union([v.number(), v.object({})]), "other"],
    ["empty union", v.union([]), "other"],
    ["any", v.any(), "other"],
    ["file", v.file(), "other"],
  ] as const)("%s → %s", (_label, schema, shape) => {
    expect(schemaShape(schema)).toBe(shape);
  });

  it("follows lazy schemas and survives recursion", () => {
    const Self: v.GenericSchema = v.lazy(() => Self);
    const Tree: v.GenericSchema = v.object({ children: v.array(v.lazy(() => Tree)) });
    expect(schemaShape(v.lazy(() => Tree))).toBe("object");
    expect(schemaShape(Self)).toBe("other");
  });
});
