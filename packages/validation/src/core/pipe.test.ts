import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileBody } from "../body";
import type { ErrorItem } from "../types";

const int = () => v.pipe(v.number(), v.integer());

function body(schema: v.GenericSchema, value: unknown) {
  const errors: ErrorItem[] = [];
  const out = compileBody(schema, { loc: ["body"] })(value, errors);
  return { out, errors, locs: errors.map((e) => e.loc) };
}

describe("pipes, actions and messages", () => {
  it("custom v.check messages become value_error as pydantic reports a ValueError", () => {
    const schema = v.pipe(
      v.object({ a: int(), b: int() }),
      v.check((o) => o.a < o.b, "a must be less than b"),
    );
    expect(body(schema, { a: 2, b: 1 }).errors).toEqual([
      {
        type: "value_error",
        loc: ["body"],
        msg: "Value error, a must be less than b",
        input: { a: 2, b: 1 },
        ctx: { error: {} },
      },
    ]);
  });

  it("a failing v.custom, v.rawCheck or v.checkItems reads alike (FastAPI's AfterValidator)", () => {
    const isbn = v.custom<string>(
      (s) => typeof s === "string" && s.startsWith("isbn-"),
      "Invalid ID format, it must start with 'isbn-'",
    );
    expect(body(v.object({ id: isbn }), { id: "wtf" }).errors).toEqual([
      {
        type: "value_error",
        loc: ["body", "id"],
        msg: "Value error, Invalid ID format, it must start with 'isbn-'",
        input: "wtf",
        ctx: { error: {} },
      },
    ]);
    const raw = v.pipe(
      v.string(),
      v.rawCheck(({ dataset, addIssue }) => {
        if (dataset.typed && dataset.value === "x") addIssue({ message: "no x" });
      }),
    );
    expect(body(raw, "x").errors[0]).toMatchObject({
      msg: "Value error, no x",
      ctx: { error: {} },
    });
  });

  it("custom messages on actions and schemas win over pydantic's wording", () => {
    expect(body(v.pipe(v.string(), v.minLength(3, "too short!")), "ab").errors[0]).toMatchObject({
      type: "string_too_short",
      msg: "too short!",
    });
    expect(
      body(
        v.pipe(
          v.string(),
          v.maxLength(1, (issue) => `got ${issue.input}`),
        ),
        "ab",
      ).errors[0]?.msg,
    ).toBe("got ab");
    expect(body(v.string("Name must be text"), 1).errors[0]).toMatchObject({
      type: "string_type",
      msg: "Name must be text",
    });
    expect(
      body(
        v.object({}, () => "need an object"),
        1,
      ).errors[0]?.msg,
    ).toBe("need an object");
    expect(body(v.pipe(v.string(), v.email("bad email")), "x").errors[0]).toMatchObject({
      type: "value_error",
      msg: "bad email",
    });
  });

  it("maps common valibot actions to pydantic codes", () => {
    const cases: [v.GenericSchema, unknown, string, Record<string, unknown> | undefined][] = [
      [v.pipe(v.number(), v.minValue(1)), 0, "greater_than_equal", { ge: 1 }],
      [v.pipe(v.number(), v.maxValue(1)), 2, "less_than_equal", { le: 1 }],
      [v.pipe(v.number(), v.gtValue(1)), 1, "greater_than", { gt: 1 }],
      [v.pipe(v.number(), v.ltValue(1)), 1, "less_than", { lt: 1 }],
      [v.pipe(v.number(), v.multipleOf(3)), 4, "multiple_of", { multiple_of: 3 }],
      [v.pipe(v.number(), v.finite()), Number.POSITIVE_INFINITY, "finite_number", undefined],
      [v.pipe(v.number(), v.safeInteger()), 2 ** 60, "int_parsing_size", undefined],
      [v.pipe(v.number(), v.safeInteger()), 1.5, "int_from_float", undefined],
      [v.pipe(v.number(), v.value(3)), 4, "literal_error", { expected: "3" }],
      [v.pipe(v.string(), v.values(["a", "b"])), "c", "literal_error", { expected: "'a' or 'b'" }],
      [
        v.pipe(v.string(), v.email()),
        "nope",
        "value_error",
        { reason: "The email address is not valid." },
      ],
      [
        v.pipe(v.string(), v.url()),
        "nope",
        "url_parsing",
        { error: "input is not a valid absolute URL" },
      ],
      [v.pipe(v.string(), v.nonEmpty()), "", "string_too_short", { min_length: 1 }],
      [v.pipe(v.string(), v.length(2)), "abc", "string_too_long", { max_length: 2 }],
      [
        v.pipe(v.array(v.string()), v.maxLength(1)),
        ["a", "b"],
        "too_long",
        { field_type: "List", max_length: 1, actual_length: 2 },
      ],
      [
        v.pipe(v.array(v.string()), v.nonEmpty()),
        [],
        "too_short",
        { field_type: "List", min_length: 1, actual_length: 0 },
      ],
      [
        v.pipe(v.string(), v.isoDate()),
        "2024-02-30",
        "date_parsing",
        { error: "day value is outside expected range" },
      ],
      [
        v.pipe(v.string(), v.isoTimestamp()),
        "2024-03-01",
        "datetime_parsing",
        { error: "invalid format" },
      ],
      [
        v.pipe(v.string(), v.isoDateTime()),
        "2024-13-01T10:00",
        "datetime_parsing",
        { error: "month value is outside expected range" },
      ],
      [v.pipe(v.string(), v.startsWith("x")), "abc", "starts_with", undefined],
    ];
    for (const [schema, input, type, ctx] of cases) {
      const [error] = body(schema, input).errors;
      expect(error?.type, type).toBe(type);
      expect(error?.ctx, type).toEqual(ctx);
      expect(error?.input, type).toEqual(input);
    }
  });

  it("uuid errors explain the bad character", () => {
    expect(
      body(v.pipe(v.string(), v.uuid()), "12345678-1234-1234-1234-12345678901z").errors[0],
    ).toMatchObject({
      type: "uuid_parsing",
      msg: "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `z` at 36",
    });
    expect(body(v.pipe(v.string(), v.uuid()), "1234").errors[0]?.msg).toMatch(/8-4-4-4-12/);
    const ok = "0b7c4b1e-8c1c-4d5e-9f3a-2b8e6d1c0a9f";
    expect(body(v.pipe(v.string(), v.uuid()), ok).out).toBe(ok);
  });

  it("transforms run after validation; a later schema in the pipe validates the result", () => {
    const schema = v.pipe(
      v.string(),
      v.trim(),
      v.minLength(2),
      v.transform((s) => s.length),
      v.number(),
      v.maxValue(3),
    );
    expect(body(schema, "  ab ").out).toBe(2);
    expect(body(schema, " a ").errors[0]?.type).toBe("string_too_short");
    expect(body(schema, "abcd").errors[0]?.type).toBe("less_than_equal");
    expect(body(v.pipe(v.string(), v.toNumber()), "x").errors[0]?.type).toBe("to_number");
  });

  it("constraints are skipped for an absent optional value", () => {
    // valibot's types refuse this pipe; it still occurs in untyped code and must not crash.
    const schema = v.object({ note: v.pipe(v.nullish(v.string()), v.maxLength(3) as never) });
    expect(body(schema, {}).out).toEqual({ note: null });
    expect(body(schema, { note: "long" }).errors[0]?.type).toBe("string_too_long");
  });

  it("non_optional / non_nullable / non_nullish", () => {
    expect(body(v.nonOptional(v.optional(v.string())), undefined).errors[0]?.type).toBe("missing");
    expect(body(v.object({ a: v.nonOptional(v.optional(v.string())) }), {}).errors[0]?.loc).toEqual(
      ["body", "a"],
    );
    expect(body(v.nonNullable(v.nullable(v.string())), "x").out).toBe("x");
    expect(
      body(v.object({ a: v.nonNullable(v.nullable(v.string())) }), { a: null }).errors[0]?.type,
    ).toBe("non_nullable");
    expect(
      body(v.object({ a: v.nonNullish(v.nullish(v.string())) }), { a: null }).errors[0]?.type,
    ).toBe("non_nullable");
    expect(body(v.object({ a: v.nonNullish(v.nullish(v.string())) }), {}).errors[0]?.type).toBe(
      "missing",
    );
    expect(body(v.object({ a: v.nonNullish(v.nullish(v.string())) }), { a: "x" }).out).toEqual({
      a: "x",
    });
  });

  it("wrappers with defaults", () => {
    expect(body(v.object({ a: v.nullable(v.string(), "d") }), { a: null }).out).toEqual({ a: "d" });
    expect(body(v.object({ a: v.nullish(v.string(), "d") }), { a: null }).out).toEqual({ a: "d" });
    expect(body(v.object({ a: v.nullish(v.string(), "d") }), {}).out).toEqual({ a: "d" });
    expect(body(v.object({ a: v.optional(v.string(), () => undefined) }), {}).out).toEqual({});
    expect(body(v.object({ a: v.undefinedable(v.string(), "u") }), {}).out).toEqual({ a: "u" });
    expect(body(v.object({ a: v.exactOptional(v.string()) }), {}).out).toEqual({});
    expect(body(v.object({ a: v.exactOptional(v.string()) }), { a: 1 }).errors[0]?.type).toBe(
      "string_type",
    );
  });
});
