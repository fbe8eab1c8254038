import {
  type BodyValidator,
  compileBody,
  compileField,
  compileModelFields,
  compileResponse,
  type Duration,
  datetime,
  type ErrorFormat,
  type ErrorItem,
  type FieldValidator,
  type Jsonable,
  jsonableEncoder,
  type Loc,
  named,
  type RenderedError,
  type ResponseResult,
  schemaShape,
  time,
  timedelta,
  toJsonSchema,
} from "@typhoon/validation";
import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";

describe("public API types", () => {
  it("field validators are callables with readonly flags", () => {
    const field = compileField(v.string(), { loc: ["query", "q"] });
    expectTypeOf(field).toEqualTypeOf<FieldValidator>();
    expectTypeOf(field).parameters.toEqualTypeOf<
      [string | readonly string[] | undefined, ErrorItem[]]
    >();
    expectTypeOf(field.multi).toEqualTypeOf<boolean>();
    // @ts-expect-error the flags are read-only
    field.multi = true;
    expectTypeOf(compileBody(v.string(), { loc: ["body"] })).toEqualTypeOf<BodyValidator>();
  });

  it("locs hold strings and numbers", () => {
    expectTypeOf<Loc>().toEqualTypeOf<(string | number)[]>();
    expectTypeOf<ErrorItem["ctx"]>().toEqualTypeOf<Record<string, unknown> | undefined>();
  });

  it("model fields carry name, key and validator", () => {
    const model = compileModelFields(v.object({ a: v.string() }), { source: "query" });
    expectTypeOf(model.fields[0]!.field).toEqualTypeOf<FieldValidator>();
    expectTypeOf(model.finish).parameters.toEqualTypeOf<[object, ErrorItem[]]>();
  });

  it("response results are a discriminated union", () => {
    const result = compileResponse(v.object({ a: v.string() }))({ a: "x" });
    expectTypeOf(result).toEqualTypeOf<ResponseResult>();
    if (!result.ok) expectTypeOf(result.errors).toEqualTypeOf<ErrorItem[]>();
  });

  it("named keeps the schema type; shapes and formats are closed unions", () => {
    const Item = named("Item", v.object({ a: v.number() }));
    expectTypeOf(Item).toEqualTypeOf<
      v.ObjectSchema<{ readonly a: v.NumberSchema<undefined> }, undefined>
    >();
    expectTypeOf(schemaShape(Item)).toEqualTypeOf<"object" | "array" | "scalar" | "other">();
    expectTypeOf<ErrorFormat>().toMatchTypeOf<
      "fastapi" | "problem" | ((errors: ErrorItem[], ctx: { instance: string }) => RenderedError)
    >();
    expectTypeOf(toJsonSchema(Item, { io: "input" })).toEqualTypeOf<object>();
  });

  it("temporal schemas infer their outputs; jsonableEncoder returns JSON data", () => {
    const Event = v.object({ at: datetime(), opens: time(), ttl: timedelta() });
    expectTypeOf<v.InferOutput<typeof Event>>().toEqualTypeOf<{
      at: string;
      opens: string;
      ttl: Duration;
    }>();
    expectTypeOf(jsonableEncoder(new Date())).toEqualTypeOf<Jsonable>();
  });
});
