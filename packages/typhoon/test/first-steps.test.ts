import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Path, Query, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

function makeApp() {
  const app = new Typhoon({ title: "First steps" });
  app.get("/", () => ({ message: "Hello World" }));
  app.get(
    "/items/{item_id}",
    {
      params: {
        item_id: Path(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
        q: Query(v.optional(v.string())),
      },
    },
    ({ item_id, q }) => ({ item_id, double: item_id * 2, q: q ?? null }),
  );
  app.put("/items/{item_id}", { params: { item_id: v.number() } }, ({ item_id }) => ({
    updated: item_id,
  }));
  app.get(
    "/search",
    {
      params: {
        q: v.pipe(v.string(), v.minLength(2)),
        page: v.optional(v.pipe(v.number(), v.integer()), 1),
        tags: v.optional(v.array(v.string()), []),
        flag: v.optional(v.boolean(), false),
      },
    },
    (args) => args,
  );
  app.route(["GET", "POST", "DELETE"], "/multi", {}, () => ({ ok: true }));
  app.get("/slash/", () => ({ slash: true }));
  app.get("/noslash", () => ({ slash: false }));
  return app;
}

describe("first steps", () => {
  const client = new TestClient(makeApp());

  it("returns JSON from a plain object", async () => {
    const res = await client.get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.json()).toEqual({ message: "Hello World" });
    expect(res.headers.get("content-length")).toBe(String(res.body.byteLength));
  });

  it("coerces and validates path and query params", async () => {
    const res = await client.get("/items/42?q=hammer");
    expect(res.json()).toEqual({ item_id: 42, double: 84, q: "hammer" });
  });

  it("reports a bad path param as a 422 at ['path', name]", async () => {
    const res = await client.get("/items/abc");
    expect(res.status).toBe(422);
    const { detail } = res.json();
    expect(detail).toHaveLength(1);
    expect(detail[0].loc).toEqual(["path", "item_id"]);
    expect(detail[0].type).toBe("int_parsing");
    expect(detail[0].input).toBe("abc");
  });

  it("never truncates 5.5 into an integer", async () => {
    const res = await client.get("/items/5.5");
    expect(res.status).toBe(422);
  });

  it("reports every problem at once", async () => {
    const res = await client.get("/search?page=x&flag=maybe");
    expect(res.status).toBe(422);
    const locs = res.json().detail.map((e: { loc: unknown }) => e.loc);
    expect(locs).toEqual(
      expect.arrayContaining([
        ["query", "q"],
        ["query", "page"],
        ["query", "flag"],
      ]),
    );
    expect(locs).toHaveLength(3);
    const missing = res.json().detail.find((e: { loc: string[] }) => e.loc[1] === "q");
    expect(missing.type).toBe("missing");
  });

  it("applies defaults, repeated keys and booleans", async () => {
    const res = await client.get("/search?q=ab&tags=x&tags=y&flag=yes");
    expect(res.json()).toEqual({ q: "ab", page: 1, tags: ["x", "y"], flag: true });
  });

  it("answers 404 for unknown paths", async () => {
    const res = await client.get("/nope");
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ detail: "Not Found" });
  });

  it("answers 405 with Allow from the first route whose path matched", async () => {
    const res = await client.post("/items/5");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(res.json()).toEqual({ detail: "Method Not Allowed" });
    const multi = await client.patch("/multi");
    expect(multi.headers.get("allow")?.split(", ").sort()).toEqual(["DELETE", "GET", "POST"]);
  });

  it("serves HEAD from GET routes with headers and no body", async () => {
    const get = await client.get("/items/3");
    const head = await client.head("/items/3");
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
  });

  it("redirects to the other slash form with 307, keeping the query", async () => {
    const add = await client.get("/slash?x=1&y=%C3%A9", { followRedirects: false });
    expect(add.status).toBe(307);
    expect(add.headers.get("location")).toBe("http://testserver/slash/?x=1&y=%C3%A9");
    expect(add.body.byteLength).toBe(0);
    const remove = await client.post("/noslash/", { followRedirects: false });
    expect(remove.status).toBe(307);
    expect(remove.headers.get("location")).toBe("http://testserver/noslash");
  });

  it("can switch slash redirects off", async () => {
    const app = new Typhoon({ redirectSlashes: false });
    app.get("/a/", () => 1);
    expect((await new TestClient(app).get("/a")).status).toBe(404);
  });

  it("sees routes added after the first request", async () => {
    const app = new Typhoon();
    const c = new TestClient(app);
    expect((await c.get("/late")).status).toBe(404);
    app.get("/late", () => "here");
    expect((await c.get("/late")).json()).toBe("here");
  });
});
