import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { compileResponse } from "./response";

const UserOut = v.object({
  username: v.string(),
  email: v.string(),
  full_name: v.nullish(v.string()),
});

describe("compileResponse: FastAPI's response_model", () => {
  it("drops unknown keys (a password can never leak) and fills nullish keys", () => {
    const filter = compileResponse(UserOut);
    expect(filter({ username: "ann", email: "a@x", password: "secret", hash: "h" })).toEqual({
      ok: true,
      value: { username: "ann", email: "a@x", full_name: null },
    });
  });

  it("drops unknown keys at every level: arrays, records, unions, nested objects", () => {
    const Inner = v.object({ id: v.number() });
    const schema = v.object({
      list: v.array(Inner),
      map: v.record(v.string(), Inner),
      either: v.union([v.string(), Inner]),
      nested: v.object({ inner: Inner }),
    });
    const value = {
      list: [{ id: 1, secret: 1 }],
      map: { a: { id: 2, secret: 2 } },
      either: { id: 3, secret: 3 },
      nested: { inner: { id: 4, secret: 4 }, secret: 5 },
      secret: 6,
    };
    expect(compileResponse(schema)(value)).toEqual({
      ok: true,
      value: {
        list: [{ id: 1 }],
        map: { a: { id: 2 } },
        either: { id: 3 },
        nested: { inner: { id: 4 } },
      },
    });
  });

  it("a list of users is filtered item by item (apps/reference/SPEC.md §2.6 /users-list)", () => {
    const filter = compileResponse(v.array(UserOut));
    const users = [
      { username: "ann", email: "ann@example.com", password: "x" },
      { username: "ben", email: "ben@example.com", full_name: "Ben B", password: "y" },
    ];
    expect(filter(users)).toEqual({
      ok: true,
      value: [
        { username: "ann", email: "ann@example.com", full_name: null },
        { username: "ben", email: "ben@example.com", full_name: "Ben B" },
      ],
    });
  });

  it("a value that does not match is ok: false with errors (never the raw data)", () => {
    const filter = compileResponse(UserOut);
    const result = filter({ username: "ann" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.type, e.loc])).toEqual([
      ["missing", ["email"]],
    ]);
    // Errors of one run do not leak into the next.
    const second = filter({ email: "x" });
    expect(!second.ok && second.errors.map((e) => e.loc)).toEqual([["username"]]);
    expect(!result.ok && result.errors).toHaveLength(1);
    expect(filter({ username: "a", email: "b" }).ok).toBe(true);
  });

  it("fills defaults; Dates stay Dates (JSON.stringify writes ISO strings)", () => {
    const when = new Date("2024-03-01T09:30:00Z");
    const filter = compileResponse(v.object({ n: v.optional(v.number(), 0), at: v.date() }));
    expect(filter({ at: when })).toEqual({ ok: true, value: { n: 0, at: when } });
    expect(JSON.stringify((filter({ at: when }) as { value: unknown }).value)).toBe(
      '{"n":0,"at":"2024-03-01T09:30:00.000Z"}',
    );
  });

  it("reads class instances (getters included)", () => {
    class User {
      username = "ann";
      email = "a@x";
      get full_name() {
        return "Ann A";
      }
      password = "secret";
    }
    expect(compileResponse(UserOut)(new User())).toEqual({
      ok: true,
      value: { username: "ann", email: "a@x", full_name: "Ann A" },
    });
  });
});

describe("compileResponse: exclude options", () => {
  // apps/reference/SPEC.md §2.6 /profiles/{username}: {username, bio?, website?,
  // followers = 0}, exclude unset.
  const Profile = v.object({
    username: v.string(),
    bio: v.nullish(v.string()),
    website: v.nullish(v.string()),
    followers: v.optional(v.number(), 0),
  });
  const stored: Record<string, object> = {
    ann: { username: "ann", bio: "writes code" },
    ben: { username: "ben", followers: 12, website: null },
    cal: { username: "cal", bio: null, website: "https://cal.example", followers: 3 },
  };
  const table: [string, object][] = [
    ["ann", { username: "ann", bio: "writes code" }],
    ["ben", { username: "ben", followers: 12, website: null }],
    ["cal", { username: "cal", bio: null, website: "https://cal.example", followers: 3 }],
  ];

  it.each(table)("excludeUnset: profile %s", (name, expected) => {
    expect(compileResponse(Profile, { excludeUnset: true })(stored[name])).toEqual({
      ok: true,
      value: expected,
    });
  });

  it("without excludeUnset every field is emitted", () => {
    expect(compileResponse(Profile)(stored.ann)).toEqual({
      ok: true,
      value: { username: "ann", bio: "writes code", website: null, followers: 0 },
    });
  });

  it("excludeUnset applies recursively", () => {
    const schema = v.object({
      items: v.array(v.object({ a: v.optional(v.number(), 1), b: v.nullish(v.string()) })),
    });
    expect(
      compileResponse(schema, { excludeUnset: true })({ items: [{}, { a: 2 }, { b: null }] }),
    ).toEqual({
      ok: true,
      value: { items: [{}, { a: 2 }, { b: null }] },
    });
  });

  it("excludeNone drops null/undefined keys in objects, records and loose objects", () => {
    const schema = v.object({
      a: v.nullable(v.string()),
      b: v.nullish(v.string()),
      map: v.record(v.string(), v.nullable(v.number())),
      loose: v.looseObject({}),
      rest: v.objectWithRest({}, v.nullable(v.number())),
      list: v.array(v.nullable(v.number())),
    });
    const value = {
      a: null,
      map: { x: null, y: 1 },
      loose: { k: null, j: 2 },
      rest: { r: null, s: 3 },
      list: [null, 1],
    };
    expect(compileResponse(schema, { excludeNone: true })(value)).toEqual({
      ok: true,
      value: { map: { y: 1 }, loose: { j: 2 }, rest: { s: 3 }, list: [null, 1] },
    });
  });

  it("excludeDefaults drops keys equal to their default (deep equality)", () => {
    const schema = v.object({
      n: v.optional(v.number(), 0),
      tags: v.optional(v.array(v.string()), () => []),
      opts: v.optional(v.object({ x: v.number() }), { x: 1 }),
      when: v.optional(v.date(), () => new Date(0)),
      note: v.nullish(v.string()),
      name: v.string(),
    });
    const filter = compileResponse(schema, { excludeDefaults: true });
    expect(
      filter({ n: 0, tags: [], opts: { x: 1 }, when: new Date(0), note: null, name: "x" }),
    ).toEqual({ ok: true, value: { name: "x" } });
    expect(filter({ n: 1, tags: ["a"], opts: { x: 2 }, when: new Date(5), name: "x" })).toEqual({
      ok: true,
      value: { n: 1, tags: ["a"], opts: { x: 2 }, when: new Date(5), name: "x" },
    });
    expect(filter({ name: "x", opts: { x: 1, y: 2 } })).toEqual({ ok: true, value: { name: "x" } });
    expect(filter({ name: "x", tags: ["a", "b"] })).toEqual({
      ok: true,
      value: { name: "x", tags: ["a", "b"] },
    });
  });
});
