import { describe, expect, it } from "vitest";
import { JsonSchemaError } from "../json-schema/errors";
import type { ErrorItem } from "../types";
import { isTyphoonValidationError, TyphoonValidationError } from "./base";
import { jsonPointer, renderValidationErrors } from "./render";
import { RequestValidationError, ResponseValidationError } from "./validation-error";

const errors: ErrorItem[] = [
  { type: "missing", loc: ["query", "q"], msg: "Field required", input: null },
  {
    type: "greater_than",
    loc: ["body", "items", 0, "price"],
    msg: "Input should be greater than 0",
    input: 0,
    ctx: { gt: 0 },
  },
];

describe("renderValidationErrors", () => {
  it('"fastapi": 422 application/json {"detail": [...]}', () => {
    const r = renderValidationErrors(errors, "fastapi", { instance: "/items" });
    expect(r.status).toBe(422);
    expect(r.headers).toEqual([["content-type", "application/json"]]);
    expect(JSON.parse(r.body)).toEqual({ detail: errors });
  });

  it('"problem": RFC 9457 problem details with a JSON pointer per error', () => {
    const r = renderValidationErrors(errors, "problem", { instance: "/items?x=1" });
    expect(r.status).toBe(422);
    expect(r.headers).toEqual([["content-type", "application/problem+json"]]);
    expect(JSON.parse(r.body)).toEqual({
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: "2 validation errors",
      instance: "/items?x=1",
      errors: [
        { ...errors[0], pointer: "/query/q" },
        { ...errors[1], pointer: "/body/items/0/price" },
      ],
    });
    expect(
      JSON.parse(renderValidationErrors(errors.slice(0, 1), "problem", { instance: "/" }).body)
        .detail,
    ).toBe("1 validation error");
  });

  it("a function is used as is", () => {
    const custom = (items: ErrorItem[], ctx: { instance: string }) => ({
      status: 400,
      headers: [["content-type", "text/plain"]] as [string, string][],
      body: `${ctx.instance}: ${items.length}`,
    });
    expect(renderValidationErrors(errors, custom, { instance: "/x" })).toEqual({
      status: 400,
      headers: [["content-type", "text/plain"]],
      body: "/x: 2",
    });
  });

  it("serializes awkward inputs and ctx values (bigint, RegExp, Date, functions)", () => {
    const odd: ErrorItem[] = [
      {
        type: "t",
        loc: ["body"],
        msg: "m",
        input: 2n ** 70n,
        ctx: { small: 5n, re: /a+/, when: new Date(0), fn: () => 1 },
      },
    ];
    const detail = JSON.parse(renderValidationErrors(odd, "fastapi", { instance: "/" }).body)
      .detail[0];
    expect(detail.input).toBe("1180591620717411303424");
    expect(detail.ctx).toEqual({
      small: 5,
      re: "a+",
      when: "1970-01-01T00:00:00.000Z",
      fn: "() => 1",
    });
  });

  it("rejects an unknown format name", () => {
    expect(() => renderValidationErrors(errors, "xml" as never, { instance: "/" })).toThrow(
      /Unknown error format/,
    );
  });

  it("jsonPointer escapes ~ and /", () => {
    expect(jsonPointer(["body", "a/b", "c~d", 3])).toBe("/body/a~1b/c~0d/3");
  });
});

describe("error classes", () => {
  it("carry their errors and summarize them", () => {
    const e = new RequestValidationError(errors);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("RequestValidationError");
    expect(e.errors).toBe(errors);
    expect(e.message).toContain("2 validation errors in the request");
    expect(e.message).toContain("query.q: Field required [type=missing]");
    const many = Array.from({ length: 7 }, () => errors[0] as ErrorItem);
    const r = new ResponseValidationError(many);
    expect(r.name).toBe("ResponseValidationError");
    expect(r.message).toContain("7 validation errors in the response");
    expect(r.message).toContain("... and 2 more");
    expect(new RequestValidationError(errors.slice(0, 1)).message).toContain(
      "1 validation error in",
    );
  });

  it("have stable codes and one guard for the package's errors", () => {
    const request = new RequestValidationError(errors);
    expect(request.code).toBe("REQUEST_INVALID");
    expect(isTyphoonValidationError(request)).toBe(true);
    expect(new ResponseValidationError(errors).code).toBe("RESPONSE_INVALID");
    expect(new JsonSchemaError("$.a: no JSON Schema for symbol")).toMatchObject({
      name: "JsonSchemaError",
      code: "JSON_SCHEMA_UNSUPPORTED",
    });
    expect(isTyphoonValidationError(new Error("other"))).toBe(false);
  });

  it("name the route of a response that does not fit its schema", () => {
    const e = new ResponseValidationError(errors, { route: "GET /items/{id}" });
    expect(e).toBeInstanceOf(TyphoonValidationError);
    expect(e.name).toBe("ResponseValidationError");
    expect(e.route).toBe("GET /items/{id}");
    expect(e.errors).toBe(errors);
    expect(e.message.split("\n")[0]).toBe("2 validation errors in the response of GET /items/{id}");
    expect(e.message).toContain("query.q: Field required [type=missing]");
  });
});
