import { describe, expect, it } from "vitest";
import { expect422, expectJson, referenceClient } from "./helpers";

describe("apps/reference/SPEC.md §2.4 headers and cookies", () => {
  const { client } = referenceClient();

  it("GET /headers/echo: null when absent", async () => {
    expectJson(await client.get("/headers/echo"), {
      user_agent: null,
      x_request_tag: null,
      x_token: [],
      raw_under_score: null,
    });
  });

  it("matches names case-insensitively, maps underscores, keeps one element per header line", async () => {
    const res = await client.get("/headers/echo", {
      headers: {
        "USER-AGENT": "conformance/1.0",
        "x-request-tag": "tag-1",
        "X-Token": ["a", "b, c"],
        raw_under_score: "literal",
      },
    });
    expectJson(res, {
      user_agent: "conformance/1.0",
      x_request_tag: "tag-1",
      x_token: ["a", "b, c"],
      raw_under_score: "literal",
    });
  });

  it("does not read raw_under_score from a raw-under-score header", async () => {
    const res = await client.get("/headers/echo", { headers: { "raw-under-score": "hyphens" } });
    expect(res.json().raw_under_score).toBeNull();
  });

  it("GET /headers/required: X-API-Version int 1..3, errors at [header, x-api-version]", async () => {
    expectJson(await client.get("/headers/required", { headers: { "X-API-Version": "2" } }), {
      api_version: 2,
    });
    expect422(await client.get("/headers/required"), [["header", "x-api-version"]]);
    for (const bad of ["0", "4", "two", ""]) {
      expect422(await client.get("/headers/required", { headers: { "x-api-version": bad } }), [
        ["header", "x-api-version"],
      ]);
    }
  });

  it("GET /cookies/read: defaults, coercion and a 422 at [cookie, visits]", async () => {
    expectJson(await client.get("/cookies/read"), {
      session_id: null,
      theme: "light",
      visits: 0,
    });
    expectJson(
      await client.get("/cookies/read", {
        cookies: { session_id: "s-1", theme: "dark", visits: "12" },
      }),
      { session_id: "s-1", theme: "dark", visits: 12 },
    );
    expect422(await client.get("/cookies/read", { cookies: { visits: "many" } }), [
      ["cookie", "visits"],
    ]);
  });

  it("GET /cookies/set sets flavor with HttpOnly; Max-Age=60; Path=/; SameSite=lax", async () => {
    const res = await client.get("/cookies/set?flavor=mint");
    expectJson(res, { set: "mint" });
    expect(res.headers.get("set-cookie")).toBe(
      "flavor=mint; HttpOnly; Max-Age=60; Path=/; SameSite=lax",
    );
    const fallback = await client.get("/cookies/set");
    expectJson(fallback, { set: "vanilla" });
    expect(fallback.headers.get("set-cookie")).toBe(
      "flavor=vanilla; HttpOnly; Max-Age=60; Path=/; SameSite=lax",
    );
  });
});
