import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Cookie, Header, Query, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

const Filters = v.pipe(
  v.object({
    limit: v.optional(v.pipe(v.number(), v.integer(), v.maxValue(100)), 10),
    order_by: v.optional(v.picklist(["created_at", "updated_at"]), "created_at"),
    tags: v.optional(v.array(v.string()), []),
  }),
  v.check(
    (f) => !(f.order_by === "updated_at" && f.limit > 50),
    "limit must be at most 50 when ordering by updated_at",
  ),
);
const CommonHeaders = v.object({ x_tenant: v.string(), user_agent: v.optional(v.string()) });

function makeApp() {
  const app = new Typhoon();
  app.get("/items", { params: { filters: Query(Filters) } }, ({ filters }) => filters);
  app.get(
    "/whoami",
    {
      params: {
        headers: Header(CommonHeaders),
        prefs: Cookie(v.object({ theme: v.optional(v.string(), "light") })),
      },
    },
    (args) => args,
  );
  return app;
}

describe("query, header and cookie models", () => {
  const client = new TestClient(makeApp());

  it("reads each entry of a query model as its own parameter", async () => {
    const res = await client.get("/items?limit=5&tags=a&tags=b");
    expect(res.json()).toEqual({ limit: 5, order_by: "created_at", tags: ["a", "b"] });
  });

  it("reports entry errors at ['query', key] and runs the model's own checks", async () => {
    const bad = await client.get("/items?limit=x&order_by=name");
    expect(bad.json().detail.map((e: { loc: unknown }) => e.loc)).toEqual([
      ["query", "limit"],
      ["query", "order_by"],
    ]);
    const check = await client.get("/items?limit=60&order_by=updated_at");
    expect(check.status).toBe(422);
    expect(check.json().detail[0].msg).toContain("at most 50");
  });

  it("reads header model keys by their hyphenated names, reports them as declared", async () => {
    const res = await client.get("/whoami", {
      headers: { "X-Tenant": "acme", "User-Agent": "t" },
      cookies: { theme: "dark" },
    });
    expect(res.json()).toEqual({
      headers: { x_tenant: "acme", user_agent: "t" },
      prefs: { theme: "dark" },
    });
    const missing = await client.get("/whoami");
    expect(missing.json().detail[0].loc).toEqual(["header", "x_tenant"]);
  });
});
