import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Cookie, Header, Query, Response, Typhoon } from "../src/index";
import { TestClient } from "../src/testing/index";

function makeApp() {
  const app = new Typhoon();
  app.get(
    "/headers/echo",
    {
      params: {
        user_agent: Header(v.optional(v.string())),
        x_token: Header(v.optional(v.array(v.string()), [])),
        raw_under_score: Header(v.optional(v.string()), { convertUnderscores: false }),
      },
    },
    ({ user_agent, x_token, raw_under_score }) => ({
      user_agent: user_agent ?? null,
      x_token,
      raw_under_score: raw_under_score ?? null,
    }),
  );
  app.get(
    "/headers/required",
    {
      params: {
        x_api_version: Header(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3))),
      },
    },
    ({ x_api_version }) => ({ api_version: x_api_version }),
  );
  app.get(
    "/cookies/read",
    {
      params: {
        session_id: Cookie(v.optional(v.string())),
        theme: Cookie(v.optional(v.string(), "light")),
        visits: Cookie(v.optional(v.pipe(v.number(), v.integer()), 0)),
      },
    },
    (args) => ({ ...args, session_id: args.session_id ?? null }),
  );
  app.get(
    "/cookies/set",
    { params: { flavor: Query(v.optional(v.string(), "vanilla")), response: Response } },
    ({ flavor, response }) => {
      response.setCookie("flavor", flavor, { httpOnly: true, maxAge: 60, sameSite: "lax" });
      response.setHeader("x-flavor", flavor);
      return { set: flavor };
    },
  );
  app.get("/accepted", { params: { response: Response } }, ({ response }) => {
    response.status = 202;
    return { accepted: true };
  });
  return app;
}

describe("headers and cookies", () => {
  const client = new TestClient(makeApp());

  it("maps underscores to hyphens, collects repeated headers, and can keep a literal name", async () => {
    const res = await client.get("/headers/echo", {
      headers: {
        "User-Agent": "tests",
        "X-Token": ["a", "b,c"],
        raw_under_score: "lit",
        "raw-under-score": "no",
      },
    });
    expect(res.json()).toEqual({
      user_agent: "tests",
      x_token: ["a", "b,c"],
      raw_under_score: "lit",
    });
  });

  it("reports header errors with the hyphenated lower-case name", async () => {
    const missing = await client.get("/headers/required");
    expect(missing.status).toBe(422);
    expect(missing.json().detail[0].loc).toEqual(["header", "x-api-version"]);
    const ok = await client.get("/headers/required", { headers: { "X-API-Version": "2" } });
    expect(ok.json()).toEqual({ api_version: 2 });
  });

  it("reads and coerces cookies", async () => {
    const res = await client.get("/cookies/read", { cookies: { visits: "3", theme: "dark" } });
    expect(res.json()).toEqual({ session_id: null, theme: "dark", visits: 3 });
    const bad = await client.get("/cookies/read", { cookies: { visits: "x" } });
    expect(bad.json().detail[0].loc).toEqual(["cookie", "visits"]);
  });

  it("sets cookies and headers through the injected response, and the client keeps them", async () => {
    const c = new TestClient(makeApp());
    const res = await c.get("/cookies/set?flavor=choc");
    expect(res.json()).toEqual({ set: "choc" });
    expect(res.headers.get("set-cookie")).toBe(
      "flavor=choc; HttpOnly; Max-Age=60; Path=/; SameSite=lax",
    );
    expect(res.headers.get("x-flavor")).toBe("choc");
    expect(c.cookies.get("flavor")).toBe("choc");
  });

  it("lets the injected response change the status", async () => {
    const res = await client.get("/accepted");
    expect(res.status).toBe(202);
    expect(res.json()).toEqual({ accepted: true });
  });

  it("refuses cookie values that would inject attributes", () => {
    expect(() => new Response().setCookie("a;b", "x")).toThrow(/Invalid cookie name/);
    const r = new Response().setCookie("a", "x; Domain=evil\r\nX: y");
    expect(r.headers[0]?.[1]).not.toMatch(/[\r\n;] ?Domain/);
  });
});
