import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileBody } from "../body";
import type { ErrorItem } from "../types";

function body(schema: v.GenericSchema, value: unknown) {
  const errors: ErrorItem[] = [];
  const out = compileBody(schema, { loc: ["body"] })(value, errors);
  return { out, errors, locs: errors.map((e) => e.loc) };
}

describe("schemas without a native node run through valibot", () => {
  it("maps their issues and keeps their paths", () => {
    const schema = v.object({
      when: v.instance(Date),
      both: v.intersect([v.object({ a: v.string() }), v.object({ b: v.number() })]),
    });
    const { errors } = body(schema, { when: "x", both: { a: 1 } });
    expect(errors.map((e) => [e.type, e.loc])).toEqual([
      ["instance", ["body", "when"]],
      ["string_type", ["body", "both", "a"]],
      ["missing", ["body", "both", "b"]],
    ]);
    expect(errors[2]?.input).toEqual({ a: 1 });
    expect(body(schema, { when: new Date(0), both: { a: "x", b: 1 } }).out).toMatchObject({
      both: { a: "x", b: 1 },
    });
  });

  it("maps valibot's type issues to pydantic codes", () => {
    const wrapIn = (schema: v.GenericSchema, input: unknown) =>
      body(v.intersect([schema]), input).errors.map((e) => e.type);
    expect(wrapIn(v.string(), 1)).toEqual(["string_type"]);
    expect(wrapIn(v.number(), "x")).toEqual(["float_type"]);
    expect(wrapIn(v.bigint(), "x")).toEqual(["int_type"]);
    expect(wrapIn(v.boolean(), "x")).toEqual(["bool_type"]);
    expect(wrapIn(v.date(), "x")).toEqual(["date_type"]);
    expect(wrapIn(v.null(), "x")).toEqual(["none_required"]);
    expect(wrapIn(v.array(v.string()), "x")).toEqual(["list_type"]);
    expect(wrapIn(v.record(v.string(), v.string()), "x")).toEqual(["dict_type"]);
    expect(wrapIn(v.tuple([v.string()]), "x")).toEqual(["tuple_type"]);
    expect(wrapIn(v.object({}), "x")).toEqual(["model_attributes_type"]);
    expect(wrapIn(v.strictObject({}), { z: 1 })).toEqual(["extra_forbidden"]);
    expect(wrapIn(v.picklist(["a"]), "x")).toEqual(["literal_error"]);
    expect(wrapIn(v.enum({ A: "a" }), "x")).toEqual(["enum"]);
    expect(wrapIn(v.nonOptional(v.optional(v.string())), undefined)).toEqual(["missing"]);
    expect(wrapIn(v.pipe(v.string(), v.minLength(3)), "ab")).toEqual(["string_too_short"]);
    expect(wrapIn(v.pipe(v.string(), v.maxLength(1)), "ab")).toEqual(["string_too_long"]);
    expect(wrapIn(v.pipe(v.array(v.string()), v.nonEmpty()), [])).toEqual(["too_short"]);
    expect(wrapIn(v.pipe(v.number(), v.minValue(1)), 0)).toEqual(["greater_than_equal"]);
    expect(wrapIn(v.pipe(v.number(), v.maxValue(1)), 2)).toEqual(["less_than_equal"]);
    expect(wrapIn(v.pipe(v.number(), v.gtValue(1)), 1)).toEqual(["greater_than"]);
    expect(wrapIn(v.pipe(v.number(), v.ltValue(1)), 1)).toEqual(["less_than"]);
    expect(wrapIn(v.pipe(v.array(v.string()), v.length(2)), ["a"])).toEqual(["too_short"]);
    expect(wrapIn(v.pipe(v.number(), v.integer()), 1.5)).toEqual(["int_from_float"]);
    expect(wrapIn(v.pipe(v.string(), v.isoDate()), "x")).toEqual(["date_parsing"]);
    expect(wrapIn(v.pipe(v.string(), v.isoTimestamp()), "x")).toEqual(["datetime_parsing"]);
    expect(wrapIn(v.pipe(v.string(), v.uuid()), "x")).toEqual(["uuid_parsing"]);
    expect(
      wrapIn(
        v.pipe(
          v.array(v.number()),
          v.checkItems((n) => n > 0, "positive"),
        ),
        [-1],
      ),
    ).toEqual(["value_error"]);
    expect(wrapIn(v.symbol(), "x")).toEqual(["symbol"]);
    expect(body(v.intersect([v.picklist(["a", "b"])]), "x").errors[0]?.msg).toBe(
      "Input should be 'a' or 'b'",
    );
  });

  it("refuses async schemas at compile time", () => {
    expect(() =>
      compileBody(
        v.pipeAsync(
          v.string(),
          v.checkAsync(async () => true),
        ) as never,
        { loc: ["body"] },
      ),
    ).toThrow(/Async valibot schemas/);
    expect(() => compileBody("nope" as never, { loc: ["body"] })).toThrow(
      /Expected a valibot schema/,
    );
  });
});
