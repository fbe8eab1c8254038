import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileBody } from "../body";
import { compileField } from "../fields";
import type { ErrorItem } from "../types";

describe("entry-point state reuse", () => {
  it("a re-entrant call (validation inside a check) gets its own state", () => {
    const inner: ErrorItem[] = [];
    let field: ReturnType<typeof compileField> | undefined;
    const schema = v.pipe(
      v.string(),
      v.check((s) => {
        if (s === "outer") field?.("x", inner);
        return s !== "bad";
      }, "bad value"),
    );
    field = compileField(
      v.pipe(
        v.union([v.literal("x"), v.literal("outer"), v.literal("bad")]),
        v.check(() => true),
      ),
      { loc: ["query", "a"] },
    );
    const outerField = compileField(schema, { loc: ["query", "b"] });
    const errors: ErrorItem[] = [];
    expect(outerField("outer", errors)).toBe("outer");
    expect(outerField("bad", errors)).toBeUndefined();
    expect(errors).toEqual([
      {
        type: "value_error",
        loc: ["query", "b"],
        msg: "Value error, bad value",
        input: "bad",
        ctx: { error: {} },
      },
    ]);

    let reentered: unknown;
    const self: { field?: ReturnType<typeof compileField> } = {};
    const recursive = v.pipe(
      v.string(),
      v.check((s) => {
        if (s === "go") reentered = self.field?.("nested", inner);
        return true;
      }),
    );
    self.field = compileField(v.pipe(recursive, v.minLength(3)), { loc: ["query", "r"] });
    expect(self.field("go", errors)).toBeUndefined();
    expect(reentered).toBe("nested");
    expect(errors.at(-1)).toMatchObject({ type: "string_too_short", loc: ["query", "r"] });
  });

  it("a throwing user callback leaves the state usable (path, lax mode and depth restored)", () => {
    const Boom = v.pipe(
      v.string(),
      v.transform((s) => {
        if (s === "boom") throw new Error("boom");
        return s;
      }),
    );
    const body = compileBody(
      v.object({ list: v.array(v.union([v.number(), Boom])), n: v.number() }),
      { loc: ["body"] },
    );
    // The throw happens inside the union's strict pass, deep in the path.
    expect(() => body({ list: [1, "boom"], n: 1 }, [])).toThrow("boom");
    const errors: ErrorItem[] = [];
    expect(body({ list: ["2", true], n: 1 }, errors)).toBeUndefined();
    expect(errors.map((e) => e.loc)).toEqual([["body", "list", 1]]);
    expect(body({ list: [2], n: "3" }, [])).toEqual({ list: [2], n: 3 });
  });
});
