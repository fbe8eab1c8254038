// apps/reference/SPEC.md §2.2–§2.6 and §2.12 expressed with this package's public API, the
// way the umbrella will call it: one compiled validator per parameter, all errors of a request
// collected, then compared as the multiset of locs the reference app records.
import {
  compileBody,
  compileField,
  compileModelFields,
  compileResponse,
  type ErrorItem,
  parseJson,
  renderValidationErrors,
} from "@typhoon/validation";
import * as v from "valibot";
import { describe, expect, it } from "vitest";

const int = () => v.pipe(v.number(), v.integer());

type Raw = Record<string, string | string[] | undefined>;

/** Compiles named query/path/header fields once; validates a request's raw values. */
function route(
  fields: Record<
    string,
    [loc: "path" | "query" | "header" | "cookie", key: string, schema: v.GenericSchema]
  >,
) {
  const compiled = Object.entries(fields).map(([name, [source, key, schema]]) => ({
    name,
    key,
    field: compileField(schema, { loc: [source, key] }),
  }));
  return (raw: Raw) => {
    const errors: ErrorItem[] = [];
    const values: Record<string, unknown> = {};
    for (const { name, key, field } of compiled) values[name] = field(raw[key], errors);
    return { values, errors, locs: errors.map((e) => e.loc) };
  };
}

describe("apps/reference/SPEC.md §2.2 path parameters", () => {
  const item = route({
    item_id: ["path", "item_id", v.pipe(int(), v.gtValue(0), v.maxValue(1000))],
  });
  const color = route({ color: ["path", "color", v.picklist(["red", "green", "blue"])] });
  const ratio = route({
    value: ["path", "value", v.pipe(v.number(), v.minValue(0), v.ltValue(1))],
  });

  it("item_id: int in (0, 1000]", () => {
    expect(item({ item_id: "3" }).values).toEqual({ item_id: 3 });
    for (const bad of ["0", "1001", "abc", "5.5", "✓"])
      expect(item({ item_id: bad }).locs).toEqual([["path", "item_id"]]);
  });

  it("color is an exact enum match", () => {
    expect(color({ color: "red" }).values).toEqual({ color: "red" });
    const { errors } = color({ color: "Red" });
    expect(errors).toEqual([
      {
        type: "literal_error",
        loc: ["path", "color"],
        msg: "Input should be 'red', 'green' or 'blue'",
        input: "Red",
        ctx: { expected: "'red', 'green' or 'blue'" },
      },
    ]);
  });

  it("ratio: float in [0, 1)", () => {
    expect(ratio({ value: "0.25" }).values).toEqual({ value: 0.25 });
    expect(ratio({ value: "1" }).errors[0]).toMatchObject({
      type: "less_than",
      ctx: { lt: 1 },
      input: "1",
    });
  });
});

describe("apps/reference/SPEC.md §2.3 query parameters", () => {
  const search = route({
    q: ["query", "q", v.pipe(v.string(), v.minLength(2), v.maxLength(10))],
    page: ["query", "page", v.optional(v.pipe(int(), v.minValue(1), v.maxValue(100)), 1)],
    size: ["query", "size", v.optional(v.pipe(v.number(), v.gtValue(0), v.ltValue(50.5)), 10)],
  });

  it("/search: defaults, and every error at once", () => {
    expect(search({ q: "pen" })).toMatchObject({
      values: { q: "pen", page: 1, size: 10 },
      errors: [],
    });
    expect(search({ q: "pen", page: "2", size: "2.5" }).values).toEqual({
      q: "pen",
      page: 2,
      size: 2.5,
    });
    expect(search({ page: "0", size: "1e400" }).locs).toEqual([
      ["query", "q"],
      ["query", "page"],
      ["query", "size"],
    ]);
    expect(search({ q: "😀😀" }).errors).toEqual([]);
  });

  it("/query/optional: absent → null, empty count is invalid", () => {
    const optional = route({
      name: ["query", "name", v.nullish(v.string())],
      count: ["query", "count", v.nullish(int())],
    });
    expect(optional({}).values).toEqual({ name: null, count: null });
    expect(optional({ name: "", count: "" }).locs).toEqual([["query", "count"]]);
  });

  it("/query/list: repeated keys, item errors at their index", () => {
    const list = route({
      tag: ["query", "tag", v.optional(v.array(v.string()), [])],
      n: ["query", "n", v.optional(v.array(int()), [])],
    });
    expect(list({ tag: ["a", "b"], n: ["1", "2"] }).values).toEqual({ tag: ["a", "b"], n: [1, 2] });
    expect(list({ n: ["1", "x", "2.5"] }).locs).toEqual([
      ["query", "n", 1],
      ["query", "n", 2],
    ]);
  });

  it("/query/bool and /query/pattern", () => {
    const flags = route({
      flag: ["query", "flag", v.optional(v.boolean(), false)],
      strict: ["query", "strict", v.nullish(v.boolean())],
    });
    expect(flags({}).values).toEqual({ flag: false, strict: null });
    expect(flags({ flag: "on", strict: "N" }).values).toEqual({ flag: true, strict: false });
    expect(flags({ flag: "", strict: "maybe" }).locs).toEqual([
      ["query", "flag"],
      ["query", "strict"],
    ]);
    const pattern = route({
      code: ["query", "code", v.pipe(v.string(), v.regex(/^[A-Z]{3}-\d{2}$/))],
    });
    expect(pattern({ code: "ABC-12" }).errors).toEqual([]);
    expect(pattern({ code: "abc-12" }).errors[0]?.type).toBe("string_pattern_mismatch");
  });

  it("/query/alias: the loc uses the alias", () => {
    const alias = route({
      item_query: ["query", "item-query", v.string()],
      limit: ["query", "max", v.optional(int(), 5)],
    });
    expect(alias({ item_query: "x" }).locs).toEqual([["query", "item-query"]]);
    expect(alias({ "item-query": "x", max: "7" }).values).toEqual({ item_query: "x", limit: 7 });
  });
});

describe("apps/reference/SPEC.md §2.4 headers and cookies", () => {
  it("header model with underscore-to-hyphen keys", () => {
    const model = compileModelFields(
      v.object({
        user_agent: v.nullish(v.string()),
        x_request_tag: v.nullish(v.string()),
        x_token: v.optional(v.array(v.string()), []),
      }),
      { source: "header", keyOf: (key) => key.replaceAll("_", "-") },
    );
    const headers: Raw = { "user-agent": "curl", "x-token": ["a", "b"] };
    const errors: ErrorItem[] = [];
    const value = Object.fromEntries(
      model.fields.map(({ name, key, field }) => [name, field(headers[key], errors)]),
    );
    expect(model.finish(value, errors)).toEqual({
      user_agent: "curl",
      x_request_tag: null,
      x_token: ["a", "b"],
    });
    expect(errors).toEqual([]);
  });

  it("required header and cookie defaults", () => {
    const version = route({
      api_version: ["header", "x-api-version", v.pipe(int(), v.minValue(1), v.maxValue(3))],
    });
    expect(version({}).locs).toEqual([["header", "x-api-version"]]);
    expect(version({ "x-api-version": "4" }).locs).toEqual([["header", "x-api-version"]]);
    const cookies = route({
      session_id: ["cookie", "session_id", v.nullish(v.string())],
      theme: ["cookie", "theme", v.optional(v.string(), "light")],
      visits: ["cookie", "visits", v.optional(int(), 0)],
    });
    expect(cookies({}).values).toEqual({ session_id: null, theme: "light", visits: 0 });
    expect(cookies({ visits: "x" }).locs).toEqual([["cookie", "visits"]]);
  });
});

describe("apps/reference/SPEC.md §2.5 JSON bodies", () => {
  const Dimensions = v.object({
    width: v.pipe(int(), v.gtValue(0)),
    height: v.pipe(int(), v.gtValue(0)),
    unit: v.optional(v.picklist(["cm", "inch"]), "cm"),
  });
  const Item = v.object({
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
    price: v.pipe(v.number(), v.gtValue(0), v.maxValue(1_000_000)),
    tax: v.nullish(v.pipe(v.number(), v.minValue(0))),
    tags: v.optional(v.array(v.string()), []),
    dimensions: v.nullish(Dimensions),
  });

  function post(schema: v.GenericSchema, text: string, loc: (string | number)[] = ["body"]) {
    const errors: ErrorItem[] = [];
    const parsed = text === "" ? undefined : parseJson(text, errors);
    if (errors.length > 0) return { value: undefined, errors, locs: errors.map((e) => e.loc) };
    const value = compileBody(schema, { loc })(parsed, errors);
    return { value, errors, locs: errors.map((e) => e.loc) };
  }

  it("POST /items", () => {
    expect(
      post(Item, '{"name": "Pen", "price": 1.5, "dimensions": {"width": 2, "height": "3"}}').value,
    ).toEqual({
      name: "Pen",
      price: 1.5,
      tax: null,
      tags: [],
      dimensions: { width: 2, height: 3, unit: "cm" },
    });
    expect(post(Item, '{"name": "", "price": -1, "dimensions": {"width": 0}}').locs).toEqual([
      ["body", "name"],
      ["body", "price"],
      ["body", "dimensions", "width"],
      ["body", "dimensions", "height"],
    ]);
    expect(post(Item, "").locs).toEqual([["body"]]);
    expect(post(Item, "null").locs).toEqual([["body"]]);
    expect(post(Item, "[]").locs).toEqual([["body"]]);
    expect(post(Item, '{"name": "x", "price": }').errors).toEqual([
      {
        type: "json_invalid",
        loc: ["body", 23],
        msg: "JSON decode error",
        input: {},
        ctx: { error: "Expecting value" },
      },
    ]);
  });

  it("POST /embedded and /orders: the parameter name comes first", () => {
    expect(post(v.object({ item: Item }), '{"name": "x", "price": 1}').locs).toEqual([
      ["body", "item"],
    ]);
    const Order = v.object({
      item: Item,
      buyer: v.object({ username: v.string(), vip: v.optional(v.boolean(), false) }),
      quantity: v.pipe(int(), v.minValue(1), v.maxValue(99)),
      note: v.nullish(v.pipe(v.string(), v.maxLength(20))),
    });
    expect(
      post(
        Order,
        '{"item": {"name": "x"}, "buyer": {}, "quantity": 100, "note": "123456789012345678901"}',
      ).locs,
    ).toEqual([
      ["body", "item", "price"],
      ["body", "buyer", "username"],
      ["body", "quantity"],
      ["body", "note"],
    ]);
  });

  it("POST /numbers/sum and /scores", () => {
    expect(post(v.array(int()), '[1, "2", "x", 3.5]').locs).toEqual([
      ["body", 2],
      ["body", 3],
    ]);
    expect(post(v.array(int()), '{"a": 1}').locs).toEqual([["body"]]);
    expect(post(v.record(v.string(), int()), '{"ann": 3, "ben": "x"}').locs).toEqual([
      ["body", "ben"],
    ]);
  });

  it("POST /events: datetime, real calendar date, uuid", () => {
    const Event = v.object({
      title: v.string(),
      starts_at: v.date(),
      day: v.pipe(v.string(), v.isoDate()),
      ref: v.pipe(v.string(), v.uuid(), v.toLowerCase()),
    });
    const ok = post(
      Event,
      '{"title": "t", "starts_at": "2024-03-01T09:30:00", "day": "2024-02-29", "ref": "0B7C4B1E-8C1C-4D5E-9F3A-2B8E6D1C0A9F"}',
    );
    expect(ok.errors).toEqual([]);
    expect(ok.value).toMatchObject({
      day: "2024-02-29",
      ref: "0b7c4b1e-8c1c-4d5e-9f3a-2b8e6d1c0a9f",
    });
    expect(
      post(Event, '{"title": "t", "starts_at": "yesterday", "day": "2023-02-29", "ref": "nope"}')
        .locs,
    ).toEqual([
      ["body", "starts_at"],
      ["body", "day"],
      ["body", "ref"],
    ]);
  });

  it("POST /aliased: camelCase keys only", () => {
    const Aliased = v.object({ itemName: v.string(), unitPrice: v.number() });
    expect(post(Aliased, '{"item_name": "x", "unit_price": 1}').locs).toEqual([
      ["body", "itemName"],
      ["body", "unitPrice"],
    ]);
  });
});

describe("apps/reference/SPEC.md §2.6 response models", () => {
  const UserOut = v.object({
    username: v.string(),
    email: v.string(),
    full_name: v.nullish(v.string()),
  });

  it("POST /users keeps only the response model's fields", () => {
    const filter = compileResponse(UserOut);
    expect(
      filter({ username: "ann", password: "secret-pass", email: "a@x", internal: true }),
    ).toEqual({
      ok: true,
      value: { username: "ann", email: "a@x", full_name: null },
    });
  });

  it("GET /fail/bad-response: a missing required field is a failure, not data", () => {
    const result = compileResponse(UserOut)({ username: "ann" });
    expect(result.ok).toBe(false);
  });
});

describe("apps/reference/SPEC.md §2.12 forms", () => {
  const Signup = v.object({
    username: v.pipe(v.string(), v.minLength(3)),
    password: v.pipe(v.string(), v.minLength(4)),
    age: v.pipe(int(), v.minValue(13)),
    newsletter: v.optional(v.boolean(), false),
    interests: v.optional(v.array(v.string()), []),
  });
  const form = compileModelFields(Signup, { source: "body", emptyIsMissing: true });

  function submit(raw: Raw) {
    const errors: ErrorItem[] = [];
    const value = Object.fromEntries(
      form.fields.map(({ name, key, field }) => [name, field(raw[key], errors)]),
    );
    return { value: form.finish(value, errors), locs: errors.map((e) => e.loc) };
  }

  it("an empty string counts as absent; repeated fields fill lists", () => {
    expect(
      submit({
        username: "ann",
        password: "pass",
        age: "20",
        newsletter: "",
        interests: ["a", "b"],
      }).value,
    ).toEqual({
      username: "ann",
      password: "pass",
      age: 20,
      newsletter: false,
      interests: ["a", "b"],
    });
    expect(submit({ username: "", password: "p", age: "12" }).locs).toEqual([
      ["body", "username"],
      ["body", "password"],
      ["body", "age"],
    ]);
  });
});

describe("a whole 422 response", () => {
  it("renders the collected errors in FastAPI's shape", () => {
    const errors: ErrorItem[] = [];
    compileField(v.pipe(int(), v.gtValue(0)), { loc: ["path", "item_id"] })("0", errors);
    compileField(v.string(), { loc: ["query", "q"] })(undefined, errors);
    const response = renderValidationErrors(errors, "fastapi", { instance: "/items/0" });
    expect(response.status).toBe(422);
    expect(JSON.parse(response.body)).toEqual({
      detail: [
        {
          type: "greater_than",
          loc: ["path", "item_id"],
          msg: "Input should be greater than 0",
          input: "0",
          ctx: { gt: 0 },
        },
        { type: "missing", loc: ["query", "q"], msg: "Field required", input: null },
      ],
    });
  });
});
