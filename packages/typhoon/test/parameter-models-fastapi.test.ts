import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Cookie, Form, Header, Query, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

// Query, header, cookie and form models as FastAPI validates them: against the dict of what
// came in. A strict model (`v.strictObject`, pydantic's extra="forbid") refuses undeclared
// keys; a missing entry reports that dict as its input; header entries are named as declared.

const FilterParams = v.strictObject({
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 100),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  order_by: v.optional(v.picklist(["created_at", "updated_at"]), "created_at"),
  tags: v.optional(v.array(v.string()), []),
});

const CommonHeaders = v.strictObject({
  host: v.string(),
  save_data: v.boolean(),
  if_modified_since: v.optional(v.string()),
  traceparent: v.optional(v.string()),
  x_tag: v.optional(v.array(v.string()), []),
});

const Cookies = v.strictObject({
  session_id: v.string(),
  fatebook_tracker: v.optional(v.string()),
  googall_tracker: v.optional(v.string()),
});

const FormData = v.strictObject({ username: v.string(), password: v.string() });

function makeClient() {
  const app = new Typhoon();
  app.get("/items/", { params: { filter: Query(FilterParams) } }, ({ filter }) => filter);
  app.get("/headers/", { params: { headers: Header(CommonHeaders) } }, ({ headers }) => headers);
  app.get("/cookies/", { params: { cookies: Cookie(Cookies) } }, ({ cookies }) => cookies);
  app.post("/login/", { params: { data: Form(FormData) } }, ({ data }) => data);
  app.get(
    "/lax-headers/",
    { params: { headers: Header(v.object({ save_data: v.boolean() })) } },
    ({ headers }) => headers,
  );
  return new TestClient(app);
}

describe("strict parameter models (FastAPI's *_forbid_extra tutorials)", () => {
  const client = makeClient();

  it("query: an undeclared key is extra_forbidden at ['query', key]", async () => {
    const res = await client.get("/items/?limit=10&tool=plumbus");
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: "extra_forbidden",
          loc: ["query", "tool"],
          msg: "Extra inputs are not permitted",
          input: "plumbus",
        },
      ],
    });
    const ok = await client.get("/items/?limit=10&tags=a&tags=b");
    expect(ok.json()).toEqual({ limit: 10, offset: 0, order_by: "created_at", tags: ["a", "b"] });
  });

  it("query: a repeated undeclared key reports all its values", async () => {
    const res = await client.get("/items/?tool=a&tool=b");
    expect(res.json().detail).toEqual([
      {
        type: "extra_forbidden",
        loc: ["query", "tool"],
        msg: "Extra inputs are not permitted",
        input: ["a", "b"],
      },
    ]);
  });

  it("header: every undeclared header is extra (declare host, as FastAPI's tutorial does)", async () => {
    const ok = await client.get("/headers/", {
      headers: {
        "save-data": "true",
        "if-modified-since": "yesterday",
        traceparent: "123",
        "x-tag": ["one", "two"],
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({
      host: "testserver",
      save_data: true,
      if_modified_since: "yesterday",
      traceparent: "123",
      x_tag: ["one", "two"],
    });
    const res = await client.get("/headers/", {
      headers: { "save-data": "true", tool: "plumbus" },
    });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: "extra_forbidden",
          loc: ["header", "tool"],
          msg: "Extra inputs are not permitted",
          input: "plumbus",
        },
      ],
    });
  });

  it("header: a missing entry is at its declared name, its input the received dict", async () => {
    const res = await client.get("/headers/");
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: "missing",
          loc: ["header", "save_data"],
          msg: "Field required",
          input: { host: "testserver", x_tag: [] },
        },
      ],
    });
  });

  it("header: an invalid entry is at its declared name too", async () => {
    const res = await client.get("/lax-headers/", { headers: { "save-data": "maybe" } });
    expect(res.status).toBe(422);
    expect(res.json().detail[0].loc).toEqual(["header", "save_data"]);
  });

  it("header: a lax model ignores undeclared headers; its missing input lists them", async () => {
    const ok = await client.get("/lax-headers/", { headers: { "save-data": "1", tool: "x" } });
    expect(ok.json()).toEqual({ save_data: true });
    const res = await client.get("/lax-headers/", { headers: { tool: "plumbus" } });
    expect(res.json().detail).toEqual([
      {
        type: "missing",
        loc: ["header", "save_data"],
        msg: "Field required",
        input: { host: "testserver", tool: "plumbus" },
      },
    ]);
  });

  it("cookie: an undeclared cookie is extra_forbidden at ['cookie', name]", async () => {
    const res = await client.get("/cookies/", {
      cookies: { session_id: "123", santa_tracker: "good-list-please" },
    });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: "extra_forbidden",
          loc: ["cookie", "santa_tracker"],
          msg: "Extra inputs are not permitted",
          input: "good-list-please",
        },
      ],
    });
  });

  it("cookie: a missing entry's input is the dict of cookies received ({} when none)", async () => {
    const res = await client.get("/cookies/");
    expect(res.json()).toEqual({
      detail: [
        { type: "missing", loc: ["cookie", "session_id"], msg: "Field required", input: {} },
      ],
    });
  });

  it("form: an undeclared field is extra_forbidden at ['body', name]", async () => {
    const res = await client.post("/login/", {
      data: { username: "Foo", password: "secret", extra: "extra" },
    });
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({
      detail: [
        {
          type: "extra_forbidden",
          loc: ["body", "extra"],
          msg: "Extra inputs are not permitted",
          input: "extra",
        },
      ],
    });
  });

  it("form: missing entries report the received form as their input", async () => {
    const some = await client.post("/login/", { data: { username: "Foo" } });
    expect(some.json()).toEqual({
      detail: [
        {
          type: "missing",
          loc: ["body", "password"],
          msg: "Field required",
          input: { username: "Foo" },
        },
      ],
    });
    const none = await client.post("/login/", { data: {} });
    expect(none.json().detail.map((e: { input: unknown }) => e.input)).toEqual([{}, {}]);
  });
});
